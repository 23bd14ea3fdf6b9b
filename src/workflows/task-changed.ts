// task-changed: tasks with open PRs change status or due date → their taskhub comments are edited to match, each PR once per run.

import { defineWorkflow, type EventTrigger } from "./define";
import { followUpsOf, followUpTrigger } from "./follow-ups";
import { commentOnPullRequest } from "./pull-request-comment";

const PER_TASK = { event: ["task/status.changed", "task/due.changed"], when: { hasOpenPullRequests: [true] } } as const satisfies EventTrigger;

export const taskChanged = defineWorkflow({ id: "refresh-pull-request-comments", on: followUpTrigger(PER_TASK, "comments") }, async ({ event, step, services }) => {
  const { items, named } = followUpsOf(PER_TASK, event);
  // A PR several of the burst's tasks share is commented once: the comment shows them all as they are now.
  const prs = new Map<string, { repo: string; number: number }>();
  for (const item of items) {
    const { taskId } = item.data as { taskId: string };
    for (const pr of await step.run(named("open-pull-requests", item), () => services.store.openPullRequestsOf(taskId))) prs.set(`${pr.repo}#${pr.number}`, pr);
  }
  for (const [ref, { repo, number }] of prs) await commentOnPullRequest(step, services, repo, number, `comment-${ref}`);
  return { refreshed: prs.size };
});
