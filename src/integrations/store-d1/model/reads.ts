// Read queries shared by the D1 store's operations.

import { TITLE_KEYED_SOURCES, type KnownTask } from "../../../domain/ingest";
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
const KNOWN_T = `t.id, t.external_key, t.title_norm, t.status, t.source_kind, t.chain`;

/** Tasks by their own external key or a key they adopted (task_keys), under the key asked for. */
export async function knownByKeys(db: D1Database, keys: string[]): Promise<Map<string, KnownTask & { version: number; projectId: string }>> {
  if (!keys.length) return new Map();
  const { results } = await db
    .prepare(
      `SELECT ${KNOWN}, version, project_id AS projectId, external_key AS lookupKey FROM tasks WHERE external_key IN (SELECT value FROM json_each(?1))
       UNION ALL
       SELECT ${KNOWN_T}, t.version, t.project_id, k.external_key FROM task_keys k JOIN tasks t ON t.id = k.task_id
       WHERE k.external_key IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(keys))
    .all<KnownTask & { version: number; projectId: string; lookupKey: string }>();
  return new Map(results.map(({ lookupKey, ...r }) => [lookupKey, r]));
}

export async function openInChain(db: D1Database, sessionId: string, chain: string) {
  const { results } = await db
    .prepare(`SELECT ${KNOWN}, version, project_id AS projectId FROM tasks WHERE session_id = ? AND chain = ? AND status IN ${OPEN_SQL}`)
    .bind(sessionId, chain)
    .all<KnownTask & { version: number; projectId: string }>();
  return results;
}

/** The session's own task of this title (any status, open first); never one made by hand. */
export async function sessionTaskWithTitle(db: D1Database, titleNorm: string, sessionId: string, projectId: string) {
  return db
    .prepare(
      `SELECT ${KNOWN}, version, project_id AS projectId FROM tasks
       WHERE project_id = ? AND title_norm = ? AND session_id = ? AND source_kind IN (SELECT value FROM json_each(?))
       ORDER BY status IN ${OPEN_SQL} DESC, created_at LIMIT 1`,
    )
    .bind(projectId, titleNorm, sessionId, JSON.stringify(TITLE_KEYED_SOURCES))
    .first<KnownTask & { version: number; projectId: string }>();
}
