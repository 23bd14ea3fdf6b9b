// github-issues: GitHub issues of repositories whose project sets mirrorIssues become tasks and stay in step with them; the hub's own issues (syncIssues) lead their tasks.

import { applyToSyncedTask } from "../app/issue-sync-inbound";
import type { CompactIssue } from "../domain/github-events";
import type { TaskChange } from "../ports/store";
import { loadDeliveryPayload } from "./delivery-payload";
import { defineWorkflow } from "./define";
import { emitTaskEvents } from "./task-events";

export const githubIssues = defineWorkflow({ id: "sync-issues", on: { event: "github/issues.received" } }, async ({ event, step, services }) => {
  const { store } = services;
  const { deliveryId } = event.data as { deliveryId: string };
  const issue = await loadDeliveryPayload<CompactIssue>(step, store, deliveryId, "load-issue");
  const change = (await step.run("mirror-issue", async () => {
    const at = issue.at ?? event.ts;
    const synced = await applyToSyncedTask(services, issue, at);
    const c = synced ? synced.change : await store.mirrorIssue(issue, `github:${issue.actor}`, at);
    return c ? JSON.parse(JSON.stringify(c)) : null;
  })) as TaskChange | null;
  // What GitHub's issue says is on the issue already: no sync op goes back to it.
  await emitTaskEvents(step, store, change ? [change] : [], event.ts, undefined, { issueSync: false });
  await step.run("mark-processed", () => store.setDeliveryStatus(deliveryId, change ? "processed" : "ignored"));
  return { task: change?.task.key ?? null };
});
