// task-issue-sync: a hub change in a project that syncs GitHub Issues, done on its issue (app/issue-sync.ts).

import { syncIssue } from "../app/issue-sync";
import type { EventData } from "../domain/events";
import { defineWorkflow } from "./define";

export const taskIssueSync = defineWorkflow({ id: "sync-task-issue", on: { event: "task/issue-sync.requested" } }, async ({ event, step, services }) => {
  const { taskId, op, otherId } = event.data as EventData<"task/issue-sync.requested">;
  // One step: GitHub's writes are keyed by what the hub holds now, so a retried step repeats nothing the hub has recorded.
  const outcome = await step.run(`sync-${op}`, () => syncIssue(services, taskId, op, otherId));
  return { taskId, op, ...outcome };
});
