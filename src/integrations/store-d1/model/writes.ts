// Conditional write statements for tasks: each batch is guarded by a change id, so a lost race writes nothing.

import { normalizeTitle, type Task, type TaskDraft } from "../../../domain/tasks";
import { describeEdit, type TaskEdit } from "../../../domain/task-patch";
import type { ActivityRow, Actor } from "../../../domain/activity";

export class Conflict extends Error {}

/** D1 has no interactive transactions: read, decide, write one guarded batch, and retry on conflict. */
export async function retrying<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof Conflict) || i >= attempts) throw e;
    }
  }
}

const COLUMN: Record<keyof TaskEdit, string> = {
  assigneeId: "assignee_id",
  parentId: "parent_id",
  estimatedHours: "estimated_hours",
  title: "title",
  description: "description",
  status: "status",
  priority: "priority",
  dueAt: "due_at",
  tags: "tags",
};

export type NewTaskRow = TaskDraft & { id: string; projectId: string };

export function activityStmt(
  db: D1Database,
  a: ActivityRow,
  guard?: { taskId: string; changeId: string },
): D1PreparedStatement {
  const base = `INSERT INTO activity (at, actor, action, task_id, project_id, data) SELECT ?, ?, ?, ?, ?, ?`;
  const args = [a.at, a.actor, a.action, a.taskId, a.projectId, JSON.stringify(a.data ?? {})];
  return guard
    ? db.prepare(`${base} WHERE EXISTS (SELECT 1 FROM tasks WHERE id = ? AND change_id = ?)`).bind(...args, guard.taskId, guard.changeId)
    : db.prepare(base).bind(...args);
}

/** Inserts a task numbered next in its project, unless its external key exists already. */
export function insertTaskStmts(db: D1Database, t: NewTaskRow, actor: Actor, at: string): D1PreparedStatement[] {
  const changeId = crypto.randomUUID();
  const insert = db
    .prepare(
      `INSERT INTO tasks (id, project_id, number, title, title_norm, description, status, priority, assignee_id, creator_id,
         due_at, tags, source_kind, source_ref, session_id, chain, parent_id, external_key, created_at, updated_at,
         completed_at, change_id, estimated_hours)
       SELECT ?1, ?2, COALESCE((SELECT MAX(number) FROM tasks WHERE project_id = ?2), 0) + 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
         ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?19, ?20, ?21
       WHERE ?17 IS NULL OR NOT EXISTS (SELECT 1 FROM tasks WHERE external_key = ?17)`,
    )
    .bind(
      t.id, t.projectId, t.title, normalizeTitle(t.title), t.description, t.status, t.priority, t.assigneeId, t.creatorId,
      t.dueAt, JSON.stringify(t.tags), t.sourceKind, t.sourceRef, t.sessionId, t.chain, t.parentId, t.externalKey, at,
      t.status === "completed" ? at : null, changeId, t.estimatedHours ?? null,
    );
  const activity = activityStmt(
    db,
    { at, actor, action: "created", taskId: t.id, projectId: t.projectId, data: { title: t.title, status: t.status, source: t.sourceKind } },
    { taskId: t.id, changeId },
  );
  return [insert, activity];
}

/** Updates a task if nobody else has since it was read (same version); the activity row rides on that. */
export function updateTaskStmts(
  db: D1Database,
  before: Pick<Task, "id" | "projectId" | "version" | "status"> & Partial<Task>,
  fields: TaskEdit,
  actor: Actor,
  at: string,
  data: Record<string, unknown> = {},
  /** Pass one to guard further statements of the same batch on this write (see GUARD_SQL). */
  changeId: string = crypto.randomUUID(),
): D1PreparedStatement[] {
  // What the edit records (action, before and after, completion time) is decided once for both stores.
  const { action, changes, completedAt } = describeEdit(before, fields, at);
  const sets: string[] = [];
  const args: unknown[] = [];
  for (const [field, value] of Object.entries(fields) as [keyof TaskEdit, unknown][]) {
    if (value === undefined) continue;
    const column = COLUMN[field];
    sets.push(`${column} = ?`);
    args.push(field === "tags" ? JSON.stringify(value) : value);
    if (field === "title") {
      sets.push("title_norm = ?");
      args.push(normalizeTitle(String(value)));
    }
  }
  if (completedAt !== undefined) {
    sets.push("completed_at = ?");
    args.push(completedAt);
  }
  const update = db
    .prepare(`UPDATE tasks SET ${sets.join(", ")}, updated_at = ?, version = version + 1, change_id = ? WHERE id = ? AND version = ?`)
    .bind(...args, at, changeId, before.id, before.version);
  return [
    update,
    activityStmt(db, { at, actor, action, taskId: before.id, projectId: before.projectId, data: { ...data, changes } }, { taskId: before.id, changeId }),
  ];
}

/** Runs a batch whose first statement is a guarded task write; a write that matched nothing is a conflict. */
export async function runGuarded(db: D1Database, stmts: D1PreparedStatement[]): Promise<D1Result[]> {
  const results = await db.batch(stmts);
  if (results[0].meta.changes === 0) throw new Conflict("task changed underneath");
  return results;
}

/** "... WHERE <this>": a statement that runs only if the guarded task write of its batch did. */
export const GUARD_SQL = `EXISTS (SELECT 1 FROM tasks WHERE id = ? AND change_id = ?)`;
