// task-changed: a task with open PRs changes status or due date → their taskhub comments are edited to match.

import { defineWorkflow } from "./define";
import { commentOnPullRequest } from "./pull-request-comment";

export const taskChanged = defineWorkflow(
  { id: "refresh-pull-request-comments", on: { event: ["task/status.changed", "task/due.changed"], when: { hasOpenPullRequests: [true] } } },
  async ({ event, step, services }) => {
    const { taskId } = event.data as { taskId: string };
    const prs = await step.run("open-pull-requests", () => services.store.openPullRequestsOf(taskId));
    for (const { repo, number } of prs) await commentOnPullRequest(step, services, repo, number, `comment-${repo}#${number}`);
    return { refreshed: prs.length };
  },
);
