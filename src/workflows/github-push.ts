// github-push: each pushed commit links the tasks it names in its repository's projects, logs its smart commands, and closes them on the default branch.
// The ingress consumer applies a push itself (app/consume-deliveries.ts); this run serves replays and pushes stored at the door.

import { applyCommits, pushScope } from "../app/pushes";
import type { CompactPush } from "../domain/github-events";
import type { RepoScope } from "../domain/repo-scope";
import type { TaskChange } from "../ports/store";
import { loadDeliveryPayload } from "./delivery-payload";
import { defineWorkflow } from "./define";
import { emitTaskEvents } from "./task-events";

/** Commits applied per step: bounded steps keep a 2,000-commit push within the engines' step limits. */
export const COMMITS_PER_STEP = 100;

export const githubPush = defineWorkflow({ id: "link-commits", on: { event: "github/push.received" } }, async ({ event, step, services: { store } }) => {
  const { deliveryId } = event.data as { deliveryId: string };
  const push = await loadDeliveryPayload<CompactPush>(step, store, deliveryId, "load-push");
  const scope = (await step.run("repo-scope", async () => ({ ...(await pushScope(store, push)) }))) as RepoScope;
  if (!scope.projectIds.length) {
    await step.run("mark-ignored", () => store.setDeliveryStatus(deliveryId, "ignored"));
    return { commits: push.commits.length, changed: 0 };
  }
  const changes: TaskChange[] = [];
  for (let i = 0; i < push.commits.length; i += COMMITS_PER_STEP) {
    const batch = push.commits.slice(i, i + COMMITS_PER_STEP);
    const applied = await step.run(`apply-commits-${i}`, async () => JSON.parse(JSON.stringify(await applyCommits(store, push, batch, scope, event.ts))));
    changes.push(...(applied as TaskChange[]));
  }
  await emitTaskEvents(step, store, changes, event.ts);
  await step.run("mark-processed", () => store.setDeliveryStatus(deliveryId, "processed"));
  return { commits: push.commits.length, changed: changes.length };
});
