// github-push: each pushed commit links the tasks it names in its repository's projects, logs its smart commands, and closes them on the default branch.

import { commitEffects, isDefaultBranchRef } from "../domain/commits";
import type { CompactPush } from "../domain/github-events";
import { issueIdsIn, taskKeyResolver } from "../domain/issue-refs";
import { parseText } from "../domain/refs";
import { repoScope, type RepoScope } from "../domain/repo-scope";
import type { TaskChange } from "../ports/store";
import { loadDeliveryPayload } from "./delivery-payload";
import { defineWorkflow } from "./define";
import { emitTaskEvents } from "./task-events";

/** Commits applied per step: bounded steps keep a 2,000-commit push within the engines' step limits. */
export const COMMITS_PER_STEP = 100;

export const githubPush = defineWorkflow({ id: "link-commits", on: { event: "github/push.received" } }, async ({ event, step, services: { store } }) => {
  const { deliveryId } = event.data as { deliveryId: string };
  const push = await loadDeliveryPayload<CompactPush>(step, store, deliveryId, "load-push");
  // Only the projects claiming this repository: a stranger's repo reaching the hub moves nothing.
  const scope = (await step.run("repo-scope", async () => ({ ...repoScope(await store.projectsForRepo(push.repo)) }))) as RepoScope;
  if (!scope.projectIds.length) {
    await step.run("mark-ignored", () => store.setDeliveryStatus(deliveryId, "ignored"));
    return { commits: push.commits.length, changed: 0 };
  }
  const { projectKeys, projectIds } = scope;
  const onDefault = isDefaultBranchRef(push.ref, push.defaultBranch);
  const changes: TaskChange[] = [];
  for (let i = 0; i < push.commits.length; i += COMMITS_PER_STEP) {
    const batch = push.commits.slice(i, i + COMMITS_PER_STEP);
    const applied = await step.run(`apply-commits-${i}`, async () => {
      const intents = batch.map((commit) => parseText(commit.message, { projectKeys }));
      // "Fixes #12" counts when issue 12 of this repository is mirrored as a task.
      const mirrored = await store.tasksForIssues(issueIdsIn(intents, push.repo), projectIds);
      const taskKeyOf = taskKeyResolver(push.repo, mirrored);
      const out: TaskChange[] = [];
      for (const [n, commit] of batch.entries()) {
        for (const effect of commitEffects(intents[n], onDefault, taskKeyOf)) {
          const change = await store.applyCommitRef({
            sha: commit.sha, url: commit.url, message: commit.message, repo: push.repo, taskKey: effect.taskKey, projectIds,
            close: effect.close, start: effect.start, review: effect.review, comments: effect.comments, minutes: effect.minutes,
            actor: `github:${commit.author ?? push.actor}`, at: commit.at ?? event.ts,
          });
          if (change) out.push(change);
        }
      }
      return JSON.parse(JSON.stringify(out));
    });
    changes.push(...(applied as TaskChange[]));
  }
  await emitTaskEvents(step, store, changes, event.ts);
  await step.run("mark-processed", () => store.setDeliveryStatus(deliveryId, "processed"));
  return { commits: push.commits.length, changed: changes.length };
});
