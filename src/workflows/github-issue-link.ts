// github-issue-link: a "blocked by" or sub-issue link added or removed on GitHub becomes the same dependency or parent on the hub.

import { applyIssueLink } from "../app/issue-sync-inbound";
import type { CompactIssueLink } from "../domain/github-events";
import { loadDeliveryPayload } from "./delivery-payload";
import { defineWorkflow } from "./define";

export const githubIssueLink = defineWorkflow({ id: "sync-issue-links", on: { event: "github/issue_link.received" } }, async ({ event, step, services }) => {
  const { deliveryId } = event.data as { deliveryId: string };
  const link = await loadDeliveryPayload<CompactIssueLink>(step, services.store, deliveryId, "load-link");
  const applied = await step.run("apply-link", () => applyIssueLink(services, link, event.ts));
  await step.run("mark-processed", () => services.store.setDeliveryStatus(deliveryId, applied.changed ? "processed" : "ignored"));
  return applied;
});
