// GitHub issues mirrored as tasks: what each issues event makes of the task that mirrors it.

import type { CompactIssue } from "./github-events";
import { issueId } from "./issue-refs";
import { syncsIssues } from "./issue-sync";
import { capText, DESCRIPTION_MAX, TITLE_MAX, type Task, type TaskDraft, type TaskStatus } from "./tasks";

/** The per-project setting that turns mirroring on (projects.settings.mirrorIssues); syncing both ways (issue-sync.ts) mirrors too. */
export const mirrorsIssues = (settings: Record<string, unknown>) => settings.mirrorIssues === true || syncsIssues(settings);

export const issueExternalKey = (repo: string, number: number) => `github-issue:${issueId(repo, number)}`;

/** The mirroring task's link to its issue, inserted or brought up to date on every event. */
export const issueLink = (issue: Pick<CompactIssue, "repo" | "number" | "url" | "open" | "title">) => ({
  ref: issueId(issue.repo, issue.number),
  url: issue.url,
  state: issue.open ? "open" : "closed",
  title: issue.title.slice(0, 200),
});

/** A closed issue is done, unless GitHub says it was closed as not planned. */
const closedStatus = (issue: Pick<CompactIssue, "notPlanned">): TaskStatus => (issue.notPlanned ? "cancelled" : "completed");

export function issueTaskDraft(issue: CompactIssue, assigneeId: string | null, actor: string): TaskDraft {
  return {
    title: capText(issue.title, TITLE_MAX) || `Issue #${issue.number}`,
    description: issue.body ? capText(issue.body, DESCRIPTION_MAX) : null,
    status: issue.open ? "todo" : closedStatus(issue),
    priority: "medium",
    dueAt: null,
    tags: [],
    assigneeId,
    creatorId: actor,
    sourceKind: "github-issue",
    sourceRef: issue.url,
    sessionId: null,
    chain: null,
    parentId: null,
    externalKey: issueExternalKey(issue.repo, issue.number),
  };
}

export interface IssuePatch {
  title?: string;
  description?: string | null;
  status?: TaskStatus;
  assigneeId?: string | null;
}

/**
 * The issue is the source of truth for what it says: title and body follow every event. Status
 * follows only closed (→ completed) and reopened (→ todo), so work moved on the hub is not undone
 * by an edit; the assignee follows assigned and unassigned.
 */
export function issueTaskPatch(task: Task, issue: CompactIssue, assigneeId: string | null): IssuePatch {
  const patch: IssuePatch = {};
  const title = capText(issue.title, TITLE_MAX);
  const description = issue.body ? capText(issue.body, DESCRIPTION_MAX) : null;
  if (title && title !== task.title) patch.title = title;
  if (description !== task.description) patch.description = description;
  if (issue.action === "closed" && task.status !== closedStatus(issue)) patch.status = closedStatus(issue);
  if (issue.action === "reopened" && task.status !== "todo") patch.status = "todo";
  if ((issue.action === "assigned" || issue.action === "unassigned") && assigneeId !== task.assigneeId) patch.assigneeId = assigneeId;
  return patch;
}
