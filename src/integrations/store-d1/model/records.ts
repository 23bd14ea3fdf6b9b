// Comments, time entries and deletion of a task: each one guarded batch with its activity row.

import { capText, DESCRIPTION_MAX, type Task } from "../../../domain/tasks";
import { StoreError, type Actor, type Comment, type TimeEntry } from "../../../ports/store";
import { taskByKey } from "./reads";
import { activityStmt, Conflict, retrying } from "./writes";

async function mustFind(db: D1Database, key: string): Promise<Task> {
  const t = await taskByKey(db, key);
  if (!t) throw new StoreError("not_found", `Task ${key} not found`);
  return t;
}

const taskExists = `EXISTS (SELECT 1 FROM tasks WHERE id = ?)`;

export async function addComment(db: D1Database, key: string, body: string, actor: Actor, at: string, externalKey: string | null = null): Promise<Comment | null> {
  const task = await mustFind(db, key);
  const comment = { id: crypto.randomUUID(), author: actor, body: capText(body, DESCRIPTION_MAX), createdAt: at };
  const [insert] = await db.batch([
    db
      .prepare(`INSERT INTO comments (id, task_id, author, body, external_key, created_at) SELECT ?, ?, ?, ?, ?, ? WHERE ${taskExists} ON CONFLICT (external_key) DO NOTHING`)
      .bind(comment.id, task.id, actor, comment.body, externalKey, at, task.id),
    // Only a comment this call wrote is news.
    db
      .prepare(`INSERT INTO activity (at, actor, action, task_id, project_id, data) SELECT ?, ?, 'commented', ?, ?, ? WHERE EXISTS (SELECT 1 FROM comments WHERE id = ?)`)
      .bind(at, actor, task.id, task.projectId, JSON.stringify({ commentId: comment.id, excerpt: capText(comment.body, 120) }), comment.id),
  ]);
  if (insert.meta.changes === 0) {
    if (externalKey && (await db.prepare(`SELECT 1 AS one FROM comments WHERE external_key = ?`).bind(externalKey).first("one"))) return null;
    throw new StoreError("not_found", `Task ${key} not found`);
  }
  return comment;
}

export async function setCommentExternalKey(db: D1Database, commentId: string, externalKey: string): Promise<boolean> {
  const taken = await db.prepare(`SELECT 1 AS one FROM comments WHERE external_key = ?`).bind(externalKey).first("one");
  if (taken) return false;
  const r = await db.prepare(`UPDATE comments SET external_key = ? WHERE id = ? AND external_key IS NULL`).bind(externalKey, commentId).run();
  return r.meta.changes === 1;
}

export async function addTimeEntry(
  db: D1Database,
  key: string,
  e: { minutes: number; userId: string | null; source: TimeEntry["source"]; ref: string | null },
  actor: Actor,
  at: string,
): Promise<TimeEntry> {
  if (!Number.isInteger(e.minutes) || e.minutes <= 0) throw new StoreError("invalid", "minutes must be a positive whole number");
  const task = await mustFind(db, key);
  const entry: TimeEntry = { id: crypto.randomUUID(), userId: e.userId, minutes: e.minutes, source: e.source, ref: e.ref, createdAt: at };
  const [insert] = await db.batch([
    db
      .prepare(`INSERT INTO time_entries (id, task_id, user_id, minutes, source, ref, created_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${taskExists}`)
      .bind(entry.id, task.id, e.userId, e.minutes, e.source, e.ref, at, task.id),
    activityStmt(db, { at, actor, action: "time_logged", taskId: task.id, projectId: task.projectId, data: { minutes: e.minutes, source: e.source } }),
  ]);
  if (insert.meta.changes === 0) throw new StoreError("not_found", `Task ${key} not found`);
  return entry;
}

export async function taskRecords(db: D1Database, key: string): Promise<{ comments: Comment[]; timeEntries: TimeEntry[] } | null> {
  const task = await taskByKey(db, key);
  if (!task) return null;
  const [comments, time] = await db.batch([
    db.prepare(`SELECT id, author, body, created_at AS createdAt FROM comments WHERE task_id = ? ORDER BY created_at, rowid`).bind(task.id),
    db
      .prepare(`SELECT id, user_id AS userId, minutes, source, ref, created_at AS createdAt FROM time_entries WHERE task_id = ? ORDER BY created_at, rowid`)
      .bind(task.id),
  ]);
  return { comments: comments.results as unknown as Comment[], timeEntries: time.results as unknown as TimeEntry[] };
}

/** Children go first (foreign keys), each only while the task is still at the version read. */
export async function deleteTask(db: D1Database, key: string, actor: Actor, at: string): Promise<Task> {
  return retrying(async () => {
    const task = await mustFind(db, key);
    const atVersion = `EXISTS (SELECT 1 FROM tasks WHERE id = ?1 AND version = ?2)`;
    const children = ["comments WHERE task_id = ?1", "time_entries WHERE task_id = ?1", "links WHERE task_id = ?1", "dependencies WHERE task_id = ?1 OR depends_on_id = ?1"];
    const results = await db.batch([
      ...children.map((c) => db.prepare(`DELETE FROM ${c} AND ${atVersion}`).bind(task.id, task.version)),
      // Its subtasks stay, as top-level tasks.
      db.prepare(`UPDATE tasks SET parent_id = NULL WHERE parent_id = ?1 AND ${atVersion}`).bind(task.id, task.version),
      db.prepare(`DELETE FROM tasks WHERE id = ? AND version = ?`).bind(task.id, task.version),
      db
        .prepare(`INSERT INTO activity (at, actor, action, task_id, project_id, data) SELECT ?, ?, 'deleted', ?, ?, ? WHERE NOT ${taskExists}`)
        .bind(at, actor, task.id, task.projectId, JSON.stringify({ key: task.key, title: task.title }), task.id),
    ]);
    if (results[children.length + 1].meta.changes === 0) throw new Conflict("task changed underneath");
    return task;
  });
}
