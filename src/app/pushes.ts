// A GitHub push applied: each commit links the tasks it names in its repository's projects, logs its smart commands, and closes them on the default branch.

import { commitEffects, isDefaultBranchRef } from "../domain/commits";
import type { CompactPush } from "../domain/github-events";
import { issueIdsIn, taskKeyResolver } from "../domain/issue-refs";
import { parseText } from "../domain/refs";
import { repoScope, type RepoScope } from "../domain/repo-scope";
import type { Store, TaskChange } from "../ports/store";

type PushStore = Pick<Store, "projectsForRepo" | "tasksForIssues" | "applyCommitRef">;

/** Only the projects claiming the push's repository: a stranger's repo reaching the hub moves nothing. */
export async function pushScope(store: PushStore, push: CompactPush): Promise<RepoScope> {
  return repoScope(await store.projectsForRepo(push.repo));
}

/** Some of a push's commits applied within its scope; `at` dates a commit that carries no time of its own. */
export async function applyCommits(store: PushStore, push: CompactPush, commits: CompactPush["commits"], scope: RepoScope, at: string): Promise<TaskChange[]> {
  const { projectKeys, projectIds } = scope;
  const onDefault = isDefaultBranchRef(push.ref, push.defaultBranch);
  const intents = commits.map((commit) => parseText(commit.message, { projectKeys }));
  // "Fixes #12" counts when issue 12 of this repository is mirrored as a task.
  const mirrored = await store.tasksForIssues(issueIdsIn(intents, push.repo), projectIds);
  const taskKeyOf = taskKeyResolver(push.repo, mirrored);
  const out: TaskChange[] = [];
  for (const [n, commit] of commits.entries()) {
    for (const effect of commitEffects(intents[n], onDefault, taskKeyOf)) {
      const change = await store.applyCommitRef({
        sha: commit.sha, url: commit.url, message: commit.message, repo: push.repo, taskKey: effect.taskKey, projectIds,
        close: effect.close, start: effect.start, review: effect.review, comments: effect.comments, minutes: effect.minutes,
        actor: `github:${commit.author ?? push.actor}`, at: commit.at ?? at,
      });
      if (change) out.push(change);
    }
  }
  return out;
}

/** The whole push at once (the ingress consumer's way): its changes, or "ignored" when no project claims its repository. */
export async function applyPush(store: PushStore, push: CompactPush, at: string): Promise<{ status: "processed" | "ignored"; changes: TaskChange[] }> {
  const scope = await pushScope(store, push);
  if (!scope.projectIds.length) return { status: "ignored", changes: [] };
  return { status: "processed", changes: await applyCommits(store, push, push.commits, scope, at) };
}
