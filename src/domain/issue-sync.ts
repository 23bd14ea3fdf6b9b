// GitHub Issues both ways for a project that opts in: which repository, what the hub writes there, and what GitHub's events mean for the hub.

import type { Project } from "./projects";
import { escapeMarkdown } from "./pull-request-comment";
import type { Task, TaskStatus } from "./tasks";

/**
 * The per-project settings: `syncIssues: true` turns it on (off by default); `issueRepo` names the repository
 * the hub opens issues in, one of the project's own repos (the first when unset). Syncing implies mirroring.
 */
export const syncsIssues = (settings: Record<string, unknown>) => settings.syncIssues === true;

/** The repository a project syncs its tasks with, or null when it does not sync (or names a repo it does not own). */
export function issueRepoOf(project: Pick<Project, "repos" | "settings">): string | null {
  if (!syncsIssues(project.settings)) return null;
  const repos = project.repos.map((r) => r.toLowerCase());
  const named = typeof project.settings.issueRepo === "string" ? project.settings.issueRepo.toLowerCase() : null;
  if (named) return repos.includes(named) ? named : null;
  return repos[0] ?? null;
}

export interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

/** "owner/repo#12" (a link's ref) to its parts; null for anything else. */
export function parseIssueRef(ref: string): IssueRef | null {
  const m = /^([\w.-]+)\/([\w.-]+)#(\d{1,9})$/.exec(ref);
  return m ? { owner: m[1], repo: m[2], number: Number(m[3]) } : null;
}

/** Marks what the hub writes on GitHub (issue bodies and comments), so its own words are never imported back as someone else's. */
export const SYNC_MARKER = "<!-- taskhub:sync -->";

/** The key under which a GitHub comment is kept on the hub: the hub comment it became, or the one that became it. */
export const githubCommentKey = (commentId: number) => `github-comment:${commentId}`;

/** The issue the hub opens for a task: its title, its description, and the task's key so GitHub keeps the hub's id. */
export function issueForTask(task: Pick<Task, "key" | "title" | "description">, hubUrl?: string | null): { title: string; body: string } {
  const key = hubUrl ? `[${task.key}](${hubUrl.replace(/\/+$/, "")}/tasks/${encodeURIComponent(task.key)})` : task.key;
  const body = [task.description?.trim() ?? "", `${SYNC_MARKER}\n${SYNCED_WITH}${key}._`].filter(Boolean).join("\n\n");
  return { title: task.title.slice(0, 256), body: body.slice(0, 60_000) };
}

const SYNCED_WITH = "_Synced with taskhub ";

/** Whether an issue body is the one the hub wrote for this task (its marked footer names the key), so a retry finds it rather than opening another. */
export function isIssueForTask(body: string | null | undefined, taskKey: string): boolean {
  const footer = body ? body.slice(body.lastIndexOf(SYNC_MARKER) >>> 0) : "";
  return footer.startsWith(SYNC_MARKER) && (footer.includes(`${SYNCED_WITH}${taskKey}._`) || footer.includes(`${SYNCED_WITH}[${taskKey}](`));
}

/** A hub comment as an issue comment: marked, with the hub comment's id and its author named (escaped: actors are free text). */
export function issueCommentFor(comment: { id: string; author: string; body: string }): string {
  return `${SYNC_MARKER.replace(" -->", `:comment:${comment.id} -->`)}\n**${escapeMarkdown(comment.author, 80)}** on taskhub:\n\n${comment.body}`.slice(0, 65_000);
}

/** Whether text was written by the hub's sync (an issue body or comment): such text is never taken in as news. */
export const writtenBySync = (body: string) => body.startsWith(SYNC_MARKER.slice(0, -4));

/** The issue state a task status asks for: done closes as completed, cancelled as not planned, anything else is open. */
export function issueStateFor(status: TaskStatus): { open: true } | { open: false; reason: "completed" | "not_planned" } {
  if (status === "completed") return { open: false, reason: "completed" };
  if (status === "cancelled") return { open: false, reason: "not_planned" };
  return { open: true };
}

/** What the hub asks of GitHub after a change of its own: one operation per change, so each side acts once per change. */
export const ISSUE_SYNC_OPS = ["issue", "state", "dependency.added", "dependency.removed", "parent", "comment"] as const;
export type IssueSyncOp = (typeof ISSUE_SYNC_OPS)[number];

/** The ops a task update asks for: its text changed (issue), its status moved (state), its parent changed (parent, with the one it left). */
type Synced = Pick<Task, "status" | "parentId" | "title" | "description">;

export function opsForUpdate(before: Synced, after: Synced): { op: IssueSyncOp; otherId: string | null }[] {
  const ops: { op: IssueSyncOp; otherId: string | null }[] = [];
  // The issue says what the task says: a new title or description is written to it (and opens it, for a task that had none).
  if (before.title !== after.title || before.description !== after.description) ops.push({ op: "issue", otherId: null });
  // todo → in_progress leaves the issue open: only a move GitHub can see is sent.
  if (JSON.stringify(issueStateFor(before.status)) !== JSON.stringify(issueStateFor(after.status))) ops.push({ op: "state", otherId: null });
  if (before.parentId !== after.parentId) ops.push({ op: "parent", otherId: before.parentId });
  return ops;
}

/** An issue body without the footer the hub wrote under it: the task's description is what stands above it. */
export function withoutSyncFooter(body: string): string {
  const at = body.indexOf(SYNC_MARKER);
  return at === -1 ? body : body.slice(0, at).trimEnd();
}
