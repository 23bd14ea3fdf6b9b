// github-pull-request: link a PR to the tasks it names, move them as Linear does, and keep one comment on it up to date.

import type { CompactPullRequest } from "../domain/github-events";
import { pullRequestLinks, readPullRequest } from "../domain/pull-requests";
import { repoScope } from "../domain/repo-scope";
import type { TaskChange } from "../ports/store";
import { loadDeliveryPayload } from "./delivery-payload";
import { defineWorkflow } from "./define";
import { commentOnPullRequest } from "./pull-request-comment";
import { emitTaskEvents } from "./task-events";

export const githubPullRequest = defineWorkflow({ id: "sync-pull-request", on: { event: "github/pull_request.received" } }, async ({ event, step, services }) => {
  const { store } = services;
  const { deliveryId } = event.data as { deliveryId: string };
  const pr = await loadDeliveryPayload<CompactPullRequest>(step, store, deliveryId, "load-pull-request");
  const outcome = (await step.run("apply-pull-request", async () => {
    // Only the projects claiming this repository: a stranger's PR naming a key moves nothing.
    const { projectKeys, projectIds } = repoScope(await store.projectsForRepo(pr.repo));
    if (!projectIds.length) return null;
    const read = readPullRequest(pr, { projectKeys });
    const mirrored = await store.tasksForIssues(read.issueIds, projectIds);
    const result = await store.applyPullRequest({
      repo: pr.repo, number: pr.number, url: pr.url, title: pr.title, base: pr.base,
      event: { action: pr.action, open: pr.open, merged: pr.merged, draft: pr.draft },
      intoDefaultBranch: pr.base === pr.defaultBranch,
      links: pullRequestLinks(read, pr.repo, mirrored),
      projectIds,
      actor: `github:${pr.actor}`, at: pr.at ?? event.ts,
    });
    return JSON.parse(JSON.stringify(result));
  })) as { changes: TaskChange[]; linked: string[] } | null;
  if (!outcome) {
    await step.run("mark-ignored", () => store.setDeliveryStatus(deliveryId, "ignored"));
    return { linked: [], changed: 0 };
  }
  await emitTaskEvents(step, store, outcome.changes, event.ts);
  // New commits change nothing the comment shows; every other action can (links, states, the merge).
  if (outcome.linked.length && pr.action !== "synchronize") await commentOnPullRequest(step, services, pr.repo, pr.number, "comment");
  await step.run("mark-processed", () => store.setDeliveryStatus(deliveryId, "processed"));
  return { linked: outcome.linked, changed: outcome.changes.length };
});
