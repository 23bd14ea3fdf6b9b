// The task model and its status machine: what a task is and which moves it may make.

import type { Activity } from "./activity";
import type { Link } from "./links";

export const TASK_STATUSES = ["todo", "in_progress", "review", "completed", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const PRIORITIES = ["low", "medium", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const OPEN_STATUSES: readonly TaskStatus[] = ["todo", "in_progress", "review"];
export const isOpen = (s: TaskStatus) => OPEN_STATUSES.includes(s);
export const isDone = (s: TaskStatus) => s === "completed" || s === "cancelled";

export const SOURCE_KINDS = ["manual", "todowrite", "task-tool", "prose", "compaction", "github-issue", "import"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where a task came from; `ref` points back at it (session id, commit sha, issue url...). */
export interface TaskSource {
  kind: SourceKind;
  ref?: string;
}

export interface Task {
  id: string;
  projectId: string;
  projectKey: string;
  number: number;
  key: string; // e.g. HUB-12
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: Priority;
  assigneeId: string | null;
  creatorId: string | null;
  dueAt: string | null; // ISO-8601
  tags: string[];
  estimatedHours: number | null;
  source: TaskSource;
  externalKey: string | null;
  /** The task this one is a subtask of (same project), by id. */
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  version: number;
}

/** A task with what hangs off it, as one task page shows it. */
export interface TaskDetail extends Task {
  links: Link[];
  activity: Activity[];
  dependsOn: string[]; // task keys
  blocks: string[];
  parent: string | null; // task key
  subtasks: string[]; // task keys, oldest first
}

export const taskKey = (projectKey: string, number: number) => `${projectKey}-${number}`;

/** `hub-12` and `HUB-12` name the same task. */
export function parseTaskKey(key: string): { projectKey: string; number: number } | null {
  const m = /^([A-Za-z][A-Za-z0-9]{0,9})-(\d{1,9})$/.exec(key.trim());
  return m ? { projectKey: m[1].toUpperCase(), number: Number(m[2]) } : null;
}

/** Text compared for "the same intent said twice": case, punctuation and spacing do not count. */
export function normalizeTitle(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Fields a status move sets besides the status itself. */
export function statusChange(
  from: TaskStatus,
  to: TaskStatus,
  at: string,
): { status: TaskStatus; completedAt: string | null } | null {
  if (from === to) return null;
  return { status: to, completedAt: to === "completed" ? at : null };
}

/**
 * Automated sources (commits, sessions) only move work forward: a commit that mentions a task
 * does not reopen one a person completed. People (the API) may move any way.
 */
const RANK: Record<TaskStatus, number> = { todo: 0, in_progress: 1, review: 2, completed: 3, cancelled: 3 };
export function isForwardMove(from: TaskStatus, to: TaskStatus): boolean {
  return RANK[to] > RANK[from];
}

export const TITLE_MAX = 300;
export const DESCRIPTION_MAX = 10_000;

/** Untrusted text is capped before it is stored. */
export function capText(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** Everything a new task row holds besides its id and project; what each store inserts. */
export interface TaskDraft {
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: Priority;
  dueAt: string | null;
  tags: string[];
  assigneeId: string | null;
  creatorId: string | null;
  sourceKind: TaskSource["kind"];
  sourceRef: string | null;
  sessionId: string | null;
  chain: string | null;
  parentId: string | null;
  externalKey: string | null;
  estimatedHours?: number | null;
}

/** What a person (or a tracker import) says of a new task; the store's NewTask adds its project and parent. */
export interface TaskInput {
  title: string;
  description?: string | null;
  priority?: Priority;
  dueAt?: string | null;
  tags?: string[];
  assigneeId?: string | null;
  estimatedHours?: number | null;
  /** A task brought in from a tracker (beads, Task Master...): its state there, and the key it is known by. */
  imported?: { tracker: string; externalKey: string; status: TaskStatus };
}

/** A task a person creates (API, dashboard, MCP): untrusted text capped, defaults applied. */
export function manualTaskDraft(t: TaskInput, actor: string): TaskDraft {
  return {
    title: capText(t.title, TITLE_MAX),
    description: t.description ? capText(t.description, DESCRIPTION_MAX) : null,
    status: t.imported?.status ?? "todo",
    priority: t.priority ?? "medium",
    dueAt: t.dueAt ?? null,
    tags: t.tags ?? [],
    assigneeId: t.assigneeId ?? null,
    creatorId: actor,
    sourceKind: t.imported ? "import" : "manual",
    sourceRef: t.imported?.tracker ?? null,
    sessionId: null,
    chain: null,
    parentId: null,
    externalKey: t.imported?.externalKey ?? null,
    estimatedHours: t.estimatedHours ?? null,
  };
}

/** The fields of a patch that would actually change the task, with text capped. */
export function effectivePatch<P extends Partial<Record<keyof Task, unknown>>>(before: Task, patch: P): Partial<P> {
  const capped: Record<string, unknown> = { ...patch };
  if (typeof patch.title === "string") capped.title = capText(patch.title, TITLE_MAX);
  if (typeof patch.description === "string" && patch.description) capped.description = capText(patch.description, DESCRIPTION_MAX);
  return Object.fromEntries(
    Object.entries(capped).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(before[k as keyof Task])),
  ) as Partial<P>;
}
