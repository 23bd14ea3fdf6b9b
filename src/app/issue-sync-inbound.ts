// GitHub → hub for projects that sync issues: links, comments and edits of the hub's own issues, each only within the projects owning the repository.

import type { CompactIssue, CompactIssueComment, CompactIssueLink } from "../domain/github-events";
import { issueId } from "../domain/issue-refs";
import { githubCommentKey, SYNC_MARKER, syncsIssues, withoutSyncFooter, writtenBySync } from "../domain/issue-sync";
import { issueExternalKey, issueTaskPatch } from "../domain/issues";
import { mayCommand } from "../domain/repo-scope";
import type { Services } from "../ports/services";
import { StoreError, type TaskChange } from "../ports/store";

export type Applied = { changed: boolean; reason: string | null; task: string | null };

const skip = (reason: string): Applied => ({ changed: false, reason, task: null });
const done = (changed: boolean, task: string): Applied => ({ changed, reason: null, task });

/** The projects that own the repository and sync its issues: the only ones its events may change. */
export async function syncingProjectIds(services: Pick<Services, "store">, repo: string): Promise<string[]> {
  return (await services.store.projectsForRepo(repo)).filter((p) => syncsIssues(p.settings)).map((p) => p.id);
}

/** What the hub's own token did on GitHub comes back as a webhook: it is already on the hub. */
export async function fromHub(services: Pick<Services, "github">, login: string | null): Promise<boolean> {
  const me = await services.github.whoAmI();
  return !!me && !!login && login.toLowerCase() === me.toLowerCase();
}

const refused = (e: unknown): Applied => {
  if (e instanceof StoreError) return skip(e.message);
  throw e;
};

export async function applyIssueLink(services: Pick<Services, "store" | "github">, link: CompactIssueLink, at: string): Promise<Applied> {
  const { store } = services;
  if (await fromHub(services, link.actor)) return skip("the hub's own change");
  const projectIds = await syncingProjectIds(services, link.repo);
  if (!projectIds.length) return skip("no project of this repository syncs issues");
  const keys = await store.tasksForIssues([link.issue, link.other], projectIds);
  const task = keys[link.issue];
  const other = keys[link.other];
  if (!task || !other) return skip("an issue of the link has no task here");
  const actor = `github:${link.actor}`;
  try {
    if (link.kind === "blocked_by") {
      const changed = link.added ? await store.addDependency(task, other, actor, at) : await store.removeDependency(task, other, actor, at);
      return done(changed, task);
    }
    const current = (await store.getTask(task))?.parent ?? null;
    // A removal names the parent it left: one that has moved on since keeps its new parent.
    const parent = link.added ? other : current === other ? null : current;
    if (parent === current) return done(false, task);
    await store.updateTask(task, { parent }, actor, at);
    return done(true, task);
  } catch (e) {
    return refused(e);
  }
}

/** A comment on a synced issue, by one of the repository's people and not the hub's own, kept on the task under GitHub's id. */
export async function importIssueComment(services: Pick<Services, "store" | "github">, comment: CompactIssueComment, at: string): Promise<Applied> {
  if (comment.pullRequest) return skip("a pull request's comment");
  if (writtenBySync(comment.body) || (await fromHub(services, comment.author))) return skip("the hub's own comment");
  if (!mayCommand(comment.association)) return skip("not one of the repository's people");
  const projectIds = await syncingProjectIds(services, comment.repo);
  if (!projectIds.length) return skip("no project of this repository syncs issues");
  const ref = issueId(comment.repo, comment.number);
  const task = (await services.store.tasksForIssues([ref], projectIds))[ref];
  if (!task) return skip("the issue has no task here");
  try {
    const made = await services.store.importComment(task, comment.body, githubCommentKey(comment.commentId), `github:${comment.author ?? comment.actor}`, comment.at ?? at);
    return done(!!made, task);
  } catch (e) {
    return refused(e);
  }
}

/**
 * An issues event on an issue the hub opened for a task: the task follows it as a mirrored task follows
 * its issue (domain/issues.ts), minus the footer the hub wrote. null when the issue is no such task's,
 * so the mirror (Store.mirrorIssue) takes it; no change for the hub's own writes.
 */
export async function applyToSyncedTask(services: Pick<Services, "store" | "github">, issue: CompactIssue, at: string): Promise<{ change: TaskChange | null } | null> {
  const { store } = services;
  const projectIds = await syncingProjectIds(services, issue.repo);
  if (!projectIds.length) return null;
  // The hub's own writes (opening, closing the issues it syncs) come back as events: the tasks have them already.
  if (await fromHub(services, issue.actor)) return { change: null };
  const ref = issueId(issue.repo, issue.number);
  const key = (await store.tasksForIssues([ref], projectIds))[ref];
  const task = key ? await store.getTask(key) : null;
  // The hub's footer on an issue no task holds yet: the hub opened it and has not linked it yet, so no mirror task is made for it.
  if (!task && issue.action === "opened" && issue.body.includes(SYNC_MARKER)) return { change: null };
  if (!task || task.externalKey === issueExternalKey(issue.repo, issue.number)) return null;
  const patch = issueTaskPatch(task, { ...issue, body: withoutSyncFooter(issue.body) }, task.assigneeId);
  if (!Object.keys(patch).length) return { change: null };
  return { change: await store.updateTask(key, patch, `github:${issue.actor}`, at) };
}
