// sync-pull-request: link a PR to the tasks it names, move them as Linear does, and keep one comment on it up to date.

import type { CompactPullRequest } from "../domain/github-events";
import { pullRequestLinks, readPullRequest } from "../domain/pull-requests";
import type { Services } from "../ports/services";
import type { TaskChange } from "../ports/store";
import { loadDeliveryPayload } from "./delivery-payload";
import { defineWorkflow, type Step } from "./define";
import { emitTaskEvents } from "./task-events";
import { renderPullRequestComment } from "../domain/pull-request-comment";

export const syncPullRequest = defineWorkflow({ id: "sync-pull-request", on: { event: "github/pull_request.received" } }, async ({ event, step, services }) => {
  const { store } = services;
  const { deliveryId } = event.data as { deliveryId: string };
  const pr = await loadDeliveryPayload<CompactPullRequest>(step, store, deliveryId, "load-pull-request");
  const outcome = (await step.run("apply-pull-request", async () => {
    const projectKeys = (await store.listProjects()).map((p) => p.key);
    const read = readPullRequest(pr, { projectKeys });
    const mirrored = await store.tasksForIssues(read.issueIds);
    const result = await store.applyPullRequest({
      repo: pr.repo, number: pr.number, url: pr.url, title: pr.title, base: pr.base,
      event: { action: pr.action, open: pr.open, merged: pr.merged, draft: pr.draft },
      intoDefaultBranch: pr.base === pr.defaultBranch,
      links: pullRequestLinks(read, pr.repo, mirrored),
      actor: `github:${pr.actor}`, at: pr.at ?? event.ts,
    });
    return JSON.parse(JSON.stringify(result));
  })) as { changes: TaskChange[]; linked: string[] };
  await emitTaskEvents(step, store, outcome.changes, event.ts);
  // New commits change nothing the comment shows; every other action can (links, states, the merge).
  if (outcome.linked.length && pr.action !== "synchronize") await commentOnPullRequest(step, services, pr.repo, pr.number, "comment");
  await step.run("mark-processed", () => store.setDeliveryStatus(deliveryId, "processed"));
  return { linked: outcome.linked, changed: outcome.changes.length };
});

/**
 * Upserts the PR's one taskhub comment. Refusals are recorded on the tasks' activity; a transient
 * error is retried by the engine, and once retries run out it is recorded too, so the run still ends.
 */
export async function commentOnPullRequest(step: Step, { store, github, config }: Services, repo: string, number: number, name: string) {
  const [owner, name_] = repo.split("/");
  try {
    await step.run(name, async () => {
      const data = await store.pullRequestComment(repo, number);
      if (!data?.tasks.length) return;
      const body = renderPullRequestComment(data.tasks, config.PUBLIC_URL);
      const res = await github.upsertPullRequestComment({ owner, repo: name_, number }, body, data.commentId);
      const at = new Date().toISOString();
      if (res.ok) {
        if (res.commentId !== data.commentId) await store.recordPullRequestComment(repo, number, { commentId: res.commentId }, at);
      } else {
        await store.recordPullRequestComment(repo, number, { skipped: res.skipped, status: res.status, message: res.message }, at);
      }
    });
  } catch (e) {
    await step.run(`${name}-gave-up`, () =>
      store.recordPullRequestComment(repo, number, { skipped: false, status: null, message: `gave up after retries: ${String((e as Error)?.message ?? e)}` }, new Date().toISOString()),
    );
  }
}
