// Task keys on D1 (task_keys, migration 0013): the keys a task answers to besides its own external key.

import { prefixEnd } from "../../domain/claude-list";
import type { TaskKey, TaskKeyStore } from "../../ports/store";

export function taskKeys(db: D1Database): TaskKeyStore {
  return {
    async tasksKeyedUnder(prefix, limit) {
      // Ranges on the unique indexes, not LIKE: list ids may hold '_', LIKE's wildcard.
      const { results } = await db
        .prepare(
          `SELECT id AS taskId, external_key AS externalKey FROM tasks WHERE external_key >= ?1 AND external_key < ?2
           UNION ALL SELECT task_id AS taskId, external_key AS externalKey FROM task_keys WHERE external_key >= ?1 AND external_key < ?2
           LIMIT ?3`,
        )
        .bind(prefix, prefixEnd(prefix), limit)
        .all<TaskKey>();
      return results;
    },
    async addTaskKeys(keys, at) {
      if (!keys.length) return [];
      const results = await db.batch(
        keys.map((k) =>
          db
            .prepare(
              `INSERT INTO task_keys (external_key, task_id, created_at) SELECT ?1, ?2, ?3
               WHERE EXISTS (SELECT 1 FROM tasks WHERE id = ?2) AND NOT EXISTS (SELECT 1 FROM tasks WHERE external_key = ?1)
               ON CONFLICT (external_key) DO NOTHING`,
            )
            .bind(k.externalKey, k.taskId, at),
        ),
      );
      return keys.filter((_, i) => results[i].meta.changes > 0);
    },
    async knownTaskKeys(keys) {
      if (!keys.length) return new Set();
      const { results } = await db
        .prepare(
          `SELECT external_key AS k FROM tasks WHERE external_key IN (SELECT value FROM json_each(?1))
           UNION SELECT external_key FROM task_keys WHERE external_key IN (SELECT value FROM json_each(?1))`,
        )
        .bind(JSON.stringify(keys))
        .all<{ k: string }>();
      return new Set(results.map((r) => r.k));
    },
  };
}
