// refresh-pull-request-comments: when a task's status or due date changes, its open PRs' taskhub comments are edited to match.

import { defineWorkflow } from "./define";
import { commentOnPullRequest } from "./sync-pull-request";

export const refreshPullRequestComments = defineWorkflow(
  { id: "refresh-pull-request-comments", on: { event: ["task/status.changed", "task/due.changed"], when: { hasOpenPullRequests: [true] } } },
  async ({ event, step, services }) => {
    const { taskId } = event.data as { taskId: string };
    const prs = await step.run("open-pull-requests", () => services.store.openPullRequestsOf(taskId));
    for (const { repo, number } of prs) await commentOnPullRequest(step, services, repo, number, `comment-${repo}#${number}`);
    return { refreshed: prs.length };
  },
);
