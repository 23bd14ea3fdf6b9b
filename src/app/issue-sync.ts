// Hub → GitHub for projects that sync issues: which change asks for which call, and each call made and remembered.

import { makeEvent, type EventEnvelope } from "../domain/events";
import { issueId } from "../domain/issue-refs";
import { githubCommentKey, issueCommentFor, issueForTask, issueRepoOf, issueStateFor, parseIssueRef, type IssueRef, type IssueSyncOp } from "../domain/issue-sync";
import { ensureIssue, outcome, type SyncOutcome } from "./issue-opening";
import type { Task, TaskDetail } from "../domain/tasks";
import type { Services } from "../ports/services";
import type { Store, TaskChange } from "../ports/store";

/** Sends the sync ops of a hub change, when the task's project syncs its issues; nothing otherwise (no run started). */
export async function requestIssueSync(services: Pick<Services, "store" | "engine">, task: Pick<Task, "id" | "projectKey">, ops: { op: IssueSyncOp; otherId?: string | null }[]): Promise<void> {
  if (!ops.length) return;
  const project = await services.store.getProject(task.projectKey);
  if (!project || !issueRepoOf(project)) return;
  const at = new Date().toISOString();
  // Every change is its own call: the ids only keep one send from starting twice.
  const stamp = `${Date.now().toString(36)}${crypto.randomUUID().slice(0, 8)}`;
  await services.engine.send(ops.map(({ op, otherId = null }, i) => makeEvent("task/issue-sync.requested", `issue-${op}-${task.id}-${stamp}${i}`, { taskId: task.id, op, otherId }, at)));
}

/**
 * The sync ops of task changes a workflow made (a merged PR, a commit, a session): a new task opens its issue,
 * a status GitHub can see moves it. Ids are fixed by the change, so a replayed step sends nothing twice. Changes
 * that came from GitHub's issues events are not passed here: the issue has them already.
 */
export async function issueSyncEventsOf(store: Pick<Store, "getProject">, changes: TaskChange[], at: string): Promise<EventEnvelope[]> {
  const repos = new Map<string, Promise<string | null>>();
  const repoOf = (projectKey: string) => {
    if (!repos.has(projectKey)) repos.set(projectKey, store.getProject(projectKey).then((p) => (p ? issueRepoOf(p) : null)));
    return repos.get(projectKey)!;
  };
  const out: EventEnvelope[] = [];
  for (const { task, from } of changes) {
    const op = !from ? "issue" : JSON.stringify(issueStateFor(from.status)) !== JSON.stringify(issueStateFor(task.status)) ? "state" : null;
    if (!op || !(await repoOf(task.projectKey))) continue;
    out.push(makeEvent("task/issue-sync.requested", `issue-${op}-${task.id}-${task.version}`, { taskId: task.id, op, otherId: null }, at));
  }
  return out;
}

/** A task as its sync needs it: its issue (by the link in the synced repository) and the repository to open one in. */
export interface SyncTarget {
  task: TaskDetail;
  repo: string;
  issue: IssueRef | null;
}

export async function syncTarget(services: Pick<Services, "store">, taskId: string): Promise<SyncTarget | null> {
  const { store } = services;
  const found = await store.taskById(taskId);
  const project = found && (await store.getProject(found.projectKey));
  const repo = project && issueRepoOf(project);
  const task = repo ? await store.getTask(found.key) : null;
  if (!task || !repo) return null;
  const link = task.links.find((l) => l.kind === "issue" && l.ref.startsWith(`${repo}#`));
  return { task, repo, issue: link ? parseIssueRef(link.ref) : null };
}

/**
 * One op, done on GitHub. Each reads the hub as it is now, so ops that arrive out of order or twice
 * (an engine retry) do what the hub says, not what the event said: a dependency removed since is not added.
 */
export async function syncIssue(services: Services, taskId: string, op: IssueSyncOp, otherId: string | null, holder: string): Promise<SyncOutcome> {
  const target = await syncTarget(services, taskId);
  if (!target) return { skipped: "the task's project does not sync issues" };
  const { github, store } = services;
  const { task } = target;
  // Only the task's own changes (its text, its state) open its issue; a link or comment waits for one.
  if (!target.issue && op !== "issue" && op !== "state") return { skipped: "the task has no issue yet" };
  const ensured = await ensureIssue(services, target, holder);
  if (!("ref" in ensured)) return ensured;
  const { ref: issue, opened } = ensured;
  if (opened) {
    // A subtask made on the hub is a sub-issue from the start, whichever of its runs won the opening.
    const parent = task.parentId ? await syncTarget(services, task.parentId) : null;
    if (parent?.issue) await github.setSubIssue(parent.issue, issue, true);
  }
  switch (op) {
    case "issue":
      if (opened) return { done: `issue ${issueId(`${issue.owner}/${issue.repo}`, issue.number)}` };
      return outcome(await github.editIssue(issue, issueForTask(task, services.config.PUBLIC_URL)), "issue text");
    case "state":
      // An issue opened just now was opened in the task's state.
      if (opened) return { done: `issue opened ${task.status}` };
      return outcome(await github.setIssueState(issue, issueStateFor(task.status)), `state ${task.status}`);
    case "dependency.added":
    case "dependency.removed": {
      const blocker = otherId ? await syncTarget(services, otherId) : null;
      if (!blocker) return { skipped: "the blocker's project does not sync issues" };
      const wanted = op === "dependency.added";
      if (task.dependsOn.includes(blocker.task.key) !== wanted) return { skipped: "the hub changed since" };
      if (!blocker.issue) return { skipped: "the blocker has no issue" };
      return outcome(await github.setBlockedBy(issue, blocker.issue, wanted), `${op} ${blocker.task.key}`);
    }
    case "parent": {
      const parent = task.parentId ? await syncTarget(services, task.parentId) : null;
      if (parent) {
        if (!parent.issue) return { skipped: "the parent has no issue" };
        return outcome(await github.setSubIssue(parent.issue, issue, true), `sub-issue of ${parent.task.key}`);
      }
      const former = otherId ? await syncTarget(services, otherId) : null;
      if (!former?.issue) return { skipped: "no parent issue to detach from" };
      return outcome(await github.setSubIssue(former.issue, issue, false), `detached from ${former.task.key}`);
    }
    case "comment": {
      const comment = (await store.taskRecords(task.key))?.comments.find((c) => c.id === otherId);
      if (!comment) return { skipped: "no such comment" };
      const posted = await github.createIssueComment(issue, issueCommentFor(comment));
      if (!posted.ok) return outcome(posted, "");
      // The hub keeps GitHub's id: the comment's own webhook then finds it known and imports nothing.
      await store.setCommentExternalKey(comment.id, githubCommentKey(posted.commentId));
      return { done: `comment ${posted.commentId}` };
    }
  }
}
