// Decides what a task intent from a Claude Code session does to the task list: create, update, cancel.

import type { ListItem, TaskIntent } from "./extract/types";
import { roleAllows, type Role } from "./permissions";
import { isTrackerKey } from "./trackers/keys";
import { isDone, isForwardMove, normalizeTitle, type Priority, type TaskDraft, type TaskStatus } from "./tasks";

/** The little the planner needs to know about a task that already exists. */
export interface KnownTask {
  id: string;
  externalKey: string | null;
  titleNorm: string;
  status: TaskStatus;
  sourceKind: string;
  chain: string | null;
}

export interface TaskFields {
  title?: string;
  description?: string | null;
  status?: TaskStatus;
  priority?: Priority;
  dueAt?: string | null;
  tags?: string[];
}

export type TaskOp =
  | {
      op: "create";
      externalKey: string;
      sourceKind: "todowrite" | "task-tool" | "prose" | "compaction";
      chain: string;
      parentExternalKey: string | null;
      fields: TaskFields & { title: string; status: TaskStatus };
    }
  /**
   * alias: a Task-tool key the task answers to from now on (it adopted the task of the same intent);
   * parentExternalKey: a parent named later (`bd update x.3 --parent x`), resolved by the store.
   */
  | { op: "update"; taskId: string; fields: TaskFields; reason: string; alias?: string; parentExternalKey?: string };

/** The sources whose tasks are one per intent within a session: said once each way, matched by title. */
export const TITLE_KEYED_SOURCES: readonly string[] = ["task-tool", "prose", "compaction"];

/**
 * The key that makes a session's task of one title unique in its project: the stores write it with the
 * task, so a concurrent second insert of the same intent conflicts and its retry finds the first.
 */
export function sessionTitleKey(projectId: string, sessionId: string, op: Extract<TaskOp, { op: "create" }>): string | null {
  if (!TITLE_KEYED_SOURCES.includes(op.sourceKind)) return null;
  return `title:${projectId}:${sessionId}:${normalizeTitle(op.fields.title)}`;
}


function statusMove(from: TaskStatus, to: TaskStatus | undefined, tracker = false): TaskStatus | undefined {
  // Sessions only move work forward: a stale list never reopens what was completed elsewhere.
  // A tracker command is the tracker's state itself (`bd reopen` reopens), so it moves any way.
  if (tracker) return to && to !== from ? to : undefined;
  return to && isForwardMove(from, to) ? to : undefined;
}

function itemUpdate(known: KnownTask, item: ListItem): TaskOp | null {
  const status = statusMove(known.status, item.status);
  return status ? { op: "update", taskId: known.id, fields: { status }, reason: "todo list" } : null;
}

/**
 * A TodoWrite list rewrites its chain's list: items are created or moved, and open tasks of the
 * chain that the list no longer names are cancelled rather than silently dropped.
 */
export function planList(intent: Extract<TaskIntent, { type: "list" }>, byKey: Map<string, KnownTask>, chainOpen: KnownTask[]): TaskOp[] {
  const ops: TaskOp[] = [];
  const named = new Set<string>();
  for (const item of intent.items) {
    named.add(item.externalKey);
    const known = byKey.get(item.externalKey);
    if (known) {
      const op = itemUpdate(known, item);
      if (op) ops.push(op);
      continue;
    }
    ops.push({
      op: "create",
      externalKey: item.externalKey,
      sourceKind: "todowrite",
      chain: intent.origin.chain,
      parentExternalKey: intent.parentExternalKey ?? null,
      fields: { title: item.title, status: item.status, priority: item.priority, tags: intent.tags },
    });
  }
  for (const task of chainOpen) {
    if (task.sourceKind !== "todowrite" || isDone(task.status)) continue;
    if (task.externalKey && !named.has(task.externalKey)) {
      ops.push({ op: "update", taskId: task.id, fields: { status: "cancelled" }, reason: "dropped from the todo list" });
    }
  }
  return ops;
}

/**
 * One task said once (Task tools, prose, a compaction summary); the same intent said twice is one task.
 * sameTitle is the task of this session with the intent's normalised title (any status; title-keyed
 * sources only, never one made by hand). Prose and summaries match it by title; a Task-tool create adopts
 * it and its key becomes the task's alias, so the prompt, the TaskCreate and the transcript's echo are one.
 */
export function planUpsert(
  intent: Extract<TaskIntent, { type: "upsert" }>,
  known: KnownTask | null,
  sameTitle: KnownTask | null,
): TaskOp | null {
  const sessionMade = sameTitle && TITLE_KEYED_SOURCES.includes(sameTitle.sourceKind) ? sameTitle : null;
  const adopt = !known && !!intent.title && intent.source === "task-tool" && !!sessionMade;
  const target = known ?? (intent.matchByTitle || adopt ? sessionMade : null);
  if (target) {
    const fields: TaskFields = {};
    const status = statusMove(target.status, intent.status, known !== null && isTrackerKey(intent.externalKey));
    if (status) fields.status = status;
    // Only the task's own source renames it; a prose echo of a tool-made task must not, nor its create coming late.
    const renames = !!known && !intent.creates;
    if (renames && intent.title && normalizeTitle(intent.title) !== target.titleNorm) fields.title = intent.title;
    if ((renames || adopt) && intent.description) fields.description = intent.description;
    if (intent.priority) fields.priority = intent.priority;
    if (intent.dueAt) fields.dueAt = intent.dueAt;
    const alias = adopt ? { alias: intent.externalKey } : {};
    // A parent named later (`bd update x.3 --parent x`) is resolved by the store; it skips one already set.
    const parent = known && intent.parentExternalKey ? { parentExternalKey: intent.parentExternalKey } : {};
    const changes = Object.keys(fields).length > 0 || adopt || !!parent.parentExternalKey;
    return changes ? { op: "update", taskId: target.id, fields, reason: intent.source, ...alias, ...parent } : null;
  }
  if (!intent.title) return null; // an update of a task this hub never saw created
  return {
    op: "create",
    externalKey: intent.externalKey,
    sourceKind: intent.source,
    chain: intent.origin.chain,
    parentExternalKey: intent.parentExternalKey ?? null,
    fields: {
      title: intent.title,
      description: intent.description ?? null,
      status: intent.status ?? "todo",
      priority: intent.priority,
      dueAt: intent.dueAt ?? null,
      tags: intent.tags,
    },
  };
}

/** Splits a session's active minutes over the tasks in progress, so totals are not counted twice. */
export function splitMinutes(minutes: number, taskIds: string[]): { taskId: string; minutes: number }[] {
  if (minutes <= 0 || taskIds.length === 0) return [];
  const each = Math.max(1, Math.round(minutes / taskIds.length));
  return taskIds.map((taskId) => ({ taskId, minutes: each }));
}

/** A list from an older slice posted late must not undo what a newer list of the same chain already said. */
export function isStaleList(lastApplied: Record<string, string>, chain: string, at: string): boolean {
  const last = lastApplied[chain];
  return !!last && last > at;
}

/** Who a session's changes are by, in the activity log and as a task's creator. */
export const sessionActor = (sessionId: string) => `claude:${sessionId}`;

/** The task a session's create op makes: what each store inserts, the parent already resolved to its id (or null). */
export function sessionTaskDraft(op: Extract<TaskOp, { op: "create" }>, sessionId: string, parentId: string | null): TaskDraft {
  return {
    title: op.fields.title,
    description: op.fields.description ?? null,
    status: op.fields.status,
    priority: op.fields.priority ?? "medium",
    dueAt: op.fields.dueAt ?? null,
    tags: op.fields.tags ?? [],
    assigneeId: null,
    creatorId: sessionActor(sessionId),
    sourceKind: op.sourceKind,
    sourceRef: sessionId,
    sessionId,
    chain: op.chain,
    parentId,
    externalKey: op.externalKey,
  };
}

/** How far ahead of the hub's clock a line may be dated (clock skew) before it is refused. */
export const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * How many intents are dated after now plus the skew. A future date would make every later list of its
 * chain look stale (isStaleList), so such a post is refused whole rather than read in part.
 */
export function futureIntents(intents: TaskIntent[], now: Date): number {
  const limit = now.getTime() + FUTURE_SKEW_MS;
  return intents.filter((i) => Date.parse(i.origin.at) > limit).length;
}

/** Who posts for a session: the person a token acts for, else the token itself. */
export interface Poster {
  tokenId: string;
  userId: string | null;
  /** The project keys a token of no person is limited to; null for every project. */
  projects: string[] | null;
  admin: boolean;
}

/** The owner a session is claimed for: the person, so all of a person's tokens may post to it, else the token. */
export const sessionOwner = (p: Poster) => (p.userId ? `user:${p.userId}` : `token:${p.tokenId}`);

/**
 * Whether an ingest post may write to the project its folder belongs to. The admin may; a person's
 * token only where the person is a member or owner; a token of no person where its projects allow.
 */
export function mayIngest(p: Poster, projectKey: string, role: Role | null): boolean {
  if (p.admin) return true;
  if (p.projects && !p.projects.includes(projectKey)) return false;
  return p.userId ? roleAllows(role, "write") : true;
}
