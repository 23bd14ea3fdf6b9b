// github-issue-comment: "/taskhub link HUB-12" from the repository's own people links that issue or PR to a task of the repository's projects; other issue comments go to synced tasks.

import { importIssueComment } from "../app/issue-sync-inbound";
import { TASKHUB_COMMAND, type CompactIssueComment } from "../domain/github-events";
import { linkCommandKeys } from "../domain/comment-commands";
import { issueId } from "../domain/issue-refs";
import { mayCommand, repoScope } from "../domain/repo-scope";
import { loadDeliveryPayload } from "./delivery-payload";
import { defineWorkflow } from "./define";
import { commentOnPullRequest } from "./pull-request-comment";

export const githubIssueComment = defineWorkflow(
  { id: "issue-comment-commands", on: { event: "github/issue_comment.received" } },
  async ({ event, step, services }) => {
    const { store } = services;
    const { deliveryId } = event.data as { deliveryId: string };
    const comment = await loadDeliveryPayload<CompactIssueComment>(step, store, deliveryId, "load-comment");
    if (!TASKHUB_COMMAND.test(comment.body)) {
      // Not a command: a comment on an issue a project syncs, kept on its task (app/issue-sync-inbound.ts).
      const imported = await step.run("import-comment", () => importIssueComment(services, comment, event.ts));
      await step.run("mark-processed", () => store.setDeliveryStatus(deliveryId, imported.changed ? "processed" : "ignored"));
      return { linked: [], imported: imported.task };
    }
    const linked = await step.run("link", async () => {
      // Commands come from the repository's own people, never from the hub's own comments, and reach only its projects.
      if (!mayCommand(comment.association) || (comment.author && comment.author === (await services.github.whoAmI()))) return null;
      const { projectKeys, projectIds } = repoScope(await store.projectsForRepo(comment.repo));
      if (!projectIds.length) return null;
      const out: string[] = [];
      for (const taskKey of linkCommandKeys(comment.body, { projectKeys })) {
        const made = await store.linkGitHubItem({
          taskKey, kind: comment.pullRequest ? "pull_request" : "issue", ref: issueId(comment.repo, comment.number), projectIds, url: comment.url,
          title: comment.title, actor: `github:${comment.actor}`, at: comment.at ?? event.ts,
        });
        if (made) out.push(taskKey);
      }
      return out;
    });
    if (!linked) {
      await step.run("mark-ignored", () => store.setDeliveryStatus(deliveryId, "ignored"));
      return { linked: [], imported: null };
    }
    if (linked.length && comment.pullRequest) await commentOnPullRequest(step, services, comment.repo, comment.number, "comment");
    await step.run("mark-processed", () => store.setDeliveryStatus(deliveryId, "processed"));
    return { linked, imported: null };
  },
);
