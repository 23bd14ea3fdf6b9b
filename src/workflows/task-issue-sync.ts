// task-issue-sync: hub changes in a project that syncs GitHub Issues (one, or a burst's), each done on its issue (app/issue-sync.ts).

import { syncIssue } from "../app/issue-sync";
import type { EventData } from "../domain/events";
import { defineWorkflow, type EventTrigger, type Json } from "./define";
import { followUpsOf, followUpTrigger } from "./follow-ups";

const PER_TASK = { event: "task/issue-sync.requested" } as const satisfies EventTrigger;

export const taskIssueSync = defineWorkflow({ id: "sync-task-issue", on: followUpTrigger(PER_TASK, "issueSync") }, async ({ event, step, services }) => {
  const { items, batch, named } = followUpsOf(PER_TASK, event);
  const outcomes: Json[] = [];
  for (const item of items) {
    const { taskId, op, otherId } = item.data as EventData<"task/issue-sync.requested">;
    // One step: GitHub's writes are keyed by what the hub holds now, so a retried step repeats nothing the hub has recorded.
    // The item's id holds the claim on opening the issue: the same across the engine's retries of this step.
    const outcome = await step.run(named(`sync-${op}`, item), () => syncIssue(services, taskId, op, otherId, item.id));
    outcomes.push({ taskId, op, ...outcome });
  }
  return batch ? { synced: outcomes } : (outcomes[0] ?? null);
});
