// github-issue-comment: "/taskhub link HUB-12" in an issue or PR comment links that issue or PR to the task.

import type { CompactIssueComment } from "../domain/github-events";
import { linkCommandKeys } from "../domain/comment-commands";
import { issueId } from "../domain/issue-refs";
import { loadDeliveryPayload } from "./delivery-payload";
import { defineWorkflow } from "./define";
import { commentOnPullRequest } from "./pull-request-comment";

export const githubIssueComment = defineWorkflow(
  { id: "issue-comment-commands", on: { event: "github/issue_comment.received" } },
  async ({ event, step, services }) => {
    const { store } = services;
    const { deliveryId } = event.data as { deliveryId: string };
    const comment = await loadDeliveryPayload<CompactIssueComment>(step, store, deliveryId, "load-comment");
    const linked = await step.run("link", async () => {
      const keys = linkCommandKeys(comment.body, { projectKeys: (await store.listProjects()).map((p) => p.key) });
      const out: string[] = [];
      for (const taskKey of keys) {
        const made = await store.linkGitHubItem({
          taskKey, kind: comment.pullRequest ? "pull_request" : "issue", ref: issueId(comment.repo, comment.number), url: comment.url,
          title: comment.title, actor: `github:${comment.actor}`, at: comment.at ?? event.ts,
        });
        if (made) out.push(taskKey);
      }
      return out;
    });
    if (linked.length && comment.pullRequest) await commentOnPullRequest(step, services, comment.repo, comment.number, "comment");
    await step.run("mark-processed", () => store.setDeliveryStatus(deliveryId, "processed"));
    return { linked };
  },
);
