// Opening a task's GitHub issue once: a claim in the store decides which of overlapping or retried sync runs opens it.

import { issueSearchSince } from "../domain/issue-openings";
import { issueId } from "../domain/issue-refs";
import { issueForTask, issueStateFor, isIssueForTask, parseIssueRef, type IssueRef } from "../domain/issue-sync";
import type { TaskDetail } from "../domain/tasks";
import type { OwnIssue } from "../ports/github";
import type { Services } from "../ports/services";

export type SyncOutcome = { done: string } | { skipped: string } | { failed: string; status: number | null };

export const outcome = (res: { ok: true } | { ok: false; skipped: boolean; status: number | null; message: string }, done: string): SyncOutcome =>
  res.ok ? { done } : res.skipped ? { skipped: res.message } : { failed: res.message, status: res.status };

/** The task's issue; `opened` when this call opened it (or found the one an earlier try of its claim opened), in the task's state now. */
export type EnsuredIssue = { ref: IssueRef; opened: boolean };

/**
 * The task's issue, opened and linked when it has none. `holder` names the caller's claim and must stay the same
 * across the engine's retries of one step (its event id): a retry then takes its own claim up again.
 * Of runs racing, only the claim's winner opens; a loser skips, the winner having read the task after the loser's change.
 */
export async function ensureIssue(services: Services, target: { task: TaskDetail; repo: string; issue: IssueRef | null }, holder: string): Promise<EnsuredIssue | SyncOutcome> {
  if (target.issue) return { ref: target.issue, opened: false };
  const { store, github } = services;
  const { task, repo } = target;
  const projectIds = (await store.projectsForRepo(repo)).map((p) => p.id);
  const claim = await store.claimIssueOpening({ taskKey: task.key, repo, projectIds, holder, at: new Date().toISOString() });
  if (!claim) return { skipped: `the task is not in a project of ${repo}` };
  if (claim.state === "held") return { skipped: "another sync run is opening the task's issue" };
  if (claim.state === "opened") return { ref: await link(services, task, repo, projectIds, claim.number, claim.url), opened: false };

  // An earlier try of this claim (a retry, or a holder that died) may have opened the issue and not lived to record it.
  let issue: OwnIssue | null = null;
  if (!claim.fresh) {
    const listed = await github.recentOwnIssues(repo, issueSearchSince(claim.since));
    issue = (listed.ok && listed.issues.filter((i) => isIssueForTask(i.body, task.key)).sort((a, b) => a.number - b.number)[0]) || null;
  }
  if (!issue) {
    const text = issueForTask(task, services.config.PUBLIC_URL);
    const made = await github.createIssue(repo, text);
    if (!made.ok) return outcome(made, "");
    issue = { number: made.number, url: made.url, ...text };
  }
  // Recorded before linked: a link write that fails leaves the number for the retry, which links it and opens nothing.
  if (!(await store.recordIssueOpened({ taskKey: task.key, repo, holder, number: issue.number, url: issue.url }))) {
    return { failed: `the claim on opening the task's issue lapsed while ${repo}#${issue.number} was opened`, status: null };
  }
  const ref = await link(services, task, repo, projectIds, issue.number, issue.url);
  await matchTask(services, task.key, ref, issue);
  return { ref, opened: true };
}

async function link(services: Services, task: TaskDetail, repo: string, projectIds: string[], number: number, url: string): Promise<IssueRef> {
  const ref = issueId(repo, number);
  await services.store.linkGitHubItem({ taskKey: task.key, kind: "issue", ref, projectIds, url, title: task.title, actor: "taskhub", at: new Date().toISOString(), by: "sync" });
  return parseIssueRef(ref)!;
}

/** The new issue as the task is now: a change that lost the race to open it was made before this read, and its own run skipped. */
async function matchTask(services: Services, taskKey: string, ref: IssueRef, issue: OwnIssue): Promise<void> {
  const task = await services.store.getTask(taskKey);
  if (!task) return;
  const text = issueForTask(task, services.config.PUBLIC_URL);
  if (text.title !== issue.title || text.body !== issue.body) await services.github.editIssue(ref, text);
  const state = issueStateFor(task.status);
  if (!state.open) await services.github.setIssueState(ref, state);
}
