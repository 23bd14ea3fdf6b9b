// Read queries shared by the D1 store's operations.

import type { KnownTask } from "../../../domain/ingest";
import { parseTaskKey, type Task } from "../../../domain/tasks";
import { OPEN_SQL, TASK_COLUMNS, toTask, type TaskRow } from "./rows";

export const FROM = `FROM tasks t JOIN projects p ON p.id = t.project_id`;

export async function taskByKey(db: D1Database, key: string): Promise<Task | null> {
  const k = parseTaskKey(key);
  if (!k) return null;
  const row = await db.prepare(`SELECT ${TASK_COLUMNS} ${FROM} WHERE p.key = ? AND t.number = ?`).bind(k.projectKey, k.number).first<TaskRow>();
  return row ? toTask(row) : null;
}

export async function taskById(db: D1Database, id: string): Promise<Task | null> {
  const row = await db.prepare(`SELECT ${TASK_COLUMNS} ${FROM} WHERE t.id = ?`).bind(id).first<TaskRow>();
  return row ? toTask(row) : null;
}

export async function tasksByIds(db: D1Database, ids: string[]): Promise<Task[]> {
  if (!ids.length) return [];
  const { results } = await db
    .prepare(`SELECT ${TASK_COLUMNS} ${FROM} WHERE t.id IN (SELECT value FROM json_each(?))`)
    .bind(JSON.stringify(ids))
    .all<TaskRow>();
  return results.map(toTask);
}

const KNOWN = `id, external_key AS externalKey, title_norm AS titleNorm, status, source_kind AS sourceKind, chain`;

export async function knownByKeys(db: D1Database, keys: string[]): Promise<Map<string, KnownTask & { version: number; projectId: string }>> {
  if (!keys.length) return new Map();
  const { results } = await db
    .prepare(`SELECT ${KNOWN}, version, project_id AS projectId FROM tasks WHERE external_key IN (SELECT value FROM json_each(?))`)
    .bind(JSON.stringify(keys))
    .all<KnownTask & { version: number; projectId: string }>();
  return new Map(results.map((r) => [r.externalKey!, r]));
}

export async function openInChain(db: D1Database, sessionId: string, chain: string) {
  const { results } = await db
    .prepare(`SELECT ${KNOWN}, version, project_id AS projectId FROM tasks WHERE session_id = ? AND chain = ? AND status IN ${OPEN_SQL}`)
    .bind(sessionId, chain)
    .all<KnownTask & { version: number; projectId: string }>();
  return results;
}

export async function openWithTitle(db: D1Database, titleNorm: string, sessionId: string, projectId: string) {
  return db
    .prepare(
      `SELECT ${KNOWN}, version, project_id AS projectId FROM tasks
       WHERE title_norm = ? AND status IN ${OPEN_SQL} AND (project_id = ? OR session_id = ?)
       ORDER BY session_id = ? DESC LIMIT 1`,
    )
    .bind(titleNorm, projectId, sessionId, sessionId)
    .first<KnownTask & { version: number; projectId: string }>();
}
