// listTasks on D1: one query per page in list order, led by the narrowest index (migrations 0005-0009).

import { decodeCursor, encodeCursor } from "../../../domain/cursor";
import type { Task } from "../../../domain/tasks";
import type { Page, TaskFilter } from "../../../ports/store";
import { FROM } from "./reads";
import { TASK_COLUMNS, toTask, type TaskRow } from "./rows";

/**
 * A search matching at most this many tasks lists them by their rowids and sorts them; one matching more walks the
 * list order and tests each task against the index, which finds a page soon because matches are then dense.
 */
const FEW_MATCHES = 1000;

export async function listTasks(db: D1Database, f: TaskFilter, limit: number, cursor: string | null): Promise<Page<Task>> {
  const where: string[] = [];
  const args: unknown[] = [];
  let from = FROM;
  const fromArgs: unknown[] = [];
  // Three characters or more: the trigram index (migration 0005) finds the substring; shorter ones fall back to LIKE.
  if (f.q && f.q.length >= 3) {
    const phrase = `"${f.q.replace(/"/g, '""')}"`;
    // Walking 100,000 tasks for a handful of matches took 35-125 ms; looking the handful up by rowid takes one.
    const { results: hits } = await db.prepare(`SELECT rowid AS r FROM tasks_fts WHERE tasks_fts MATCH ? LIMIT ?`).bind(phrase, FEW_MATCHES + 1).all<{ r: number }>();
    if (!hits.length) return { items: [], nextCursor: null };
    if (hits.length <= FEW_MATCHES) {
      // CROSS JOIN keeps the hits as the outer loop (SQLite never reorders it), so no plan walks the project instead.
      from = `FROM json_each(?) m CROSS JOIN tasks t ON t.rowid = m.value JOIN projects p ON p.id = t.project_id`;
      fromArgs.push(JSON.stringify(hits.map((h) => h.r)));
    }
    // Matched again in the query itself: a rowid freed by a delete since the lookup must not bring in another task.
    where.push(`t.rowid IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)`);
    args.push(phrase);
  }
  if (f.projectKey) (where.push("p.key = ?"), args.push(f.projectKey.toUpperCase()));
  if (f.projectIds) (where.push(`t.project_id IN (SELECT value FROM json_each(?))`), args.push(JSON.stringify(f.projectIds)));
  // One status as an equality, so tasks_by_project_status_created (migration 0008) walks exactly those tasks in page
  // order; unless a person is named too, whose own index (usually the sparser) should lead instead.
  const statuses = [...new Set(f.status ?? [])];
  if (statuses.length === 1 && !f.assigneeId) (where.push("t.status = ?"), args.push(statuses[0]));
  else if (statuses.length) (where.push(`t.status IN (SELECT value FROM json_each(?))`), args.push(JSON.stringify(statuses)));
  if (f.assigneeId) (where.push("t.assignee_id = ?"), args.push(f.assigneeId));
  if (f.priority) (where.push("t.priority = ?"), args.push(f.priority));
  // The page order, as columns of the table the query walks.
  let order = ["t.created_at", "t.number", "t.id"];
  if (f.tag) {
    if (f.projectKey && from === FROM) {
      // A rare tag had the whole project walked (190 ms p95 at 100,000 tasks); task_tags (migration 0009, kept by
      // triggers) holds each tag's tasks in list order, so the walk starts there and touches only those tasks.
      from = `FROM task_tags g CROSS JOIN tasks t ON t.id = g.task_id JOIN projects p ON p.id = t.project_id`;
      where.push("g.project_id = p.id AND g.tag = ?");
      args.push(f.tag);
      order = ["g.created_at", "g.number", "g.task_id"]; // copies of t's, so the same order and cursor
    }
    where.push(`EXISTS (SELECT 1 FROM json_each(t.tags) WHERE value = ?)`);
    args.push(f.tag);
  }
  if (f.q && f.q.length < 3) (where.push(`(t.title LIKE ? ESCAPE '\\' OR t.description LIKE ? ESCAPE '\\')`), args.push(...Array(2).fill(`%${f.q.replace(/[\\%_]/g, "\\$&")}%`)));
  if (f.dueBefore) (where.push("t.due_at < ?"), args.push(f.dueBefore));
  if (f.dueAfter) (where.push("t.due_at >= ?"), args.push(f.dueAfter));
  if (f.blocked !== undefined) {
    const open = `EXISTS (SELECT 1 FROM dependencies d JOIN tasks b ON b.id = d.depends_on_id WHERE d.task_id = t.id AND b.status NOT IN ('completed','cancelled'))`;
    where.push(f.blocked ? open : `NOT ${open}`);
  }
  const after = cursor ? decodeCursor(cursor) : null;
  if (after) (where.push(`(${order.join(", ")}) > (?, ?, ?)`), args.push(after[0], after[1], after[2]));
  // Tasks made in one batch share created_at; their numbers keep the order people expect.
  const sql = `SELECT ${TASK_COLUMNS} ${from} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY ${order.join(", ")} LIMIT ?`;
  const { results } = await db.prepare(sql).bind(...fromArgs, ...args, limit + 1).all<TaskRow>();
  const items = results.slice(0, limit).map(toTask);
  const last = items[items.length - 1];
  return { items, nextCursor: results.length > limit && last ? encodeCursor([last.createdAt, last.number, last.id]) : null };
}
