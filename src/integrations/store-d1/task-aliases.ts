// Task aliases on D1 (migration 0016): the keys a task answers to besides its own external key.

import { prefixEnd } from "../../domain/claude-list";
import type { TaskAlias, TaskAliasStore } from "../../ports/store";

export function taskAliases(db: D1Database): TaskAliasStore {
  return {
    async tasksKeyedUnder(prefix, limit) {
      // Ranges on the unique indexes, not LIKE: list ids may hold '_', LIKE's wildcard.
      const { results } = await db
        .prepare(
          `SELECT id AS taskId, external_key AS externalKey FROM tasks WHERE external_key >= ?1 AND external_key < ?2
           UNION ALL SELECT task_id AS taskId, external_key AS externalKey FROM task_aliases WHERE external_key >= ?1 AND external_key < ?2
           LIMIT ?3`,
        )
        .bind(prefix, prefixEnd(prefix), limit)
        .all<TaskAlias>();
      return results;
    },
    async addTaskAliases(aliases, at) {
      if (!aliases.length) return [];
      const results = await db.batch(
        aliases.map((a) =>
          db
            .prepare(
              `INSERT INTO task_aliases (external_key, task_id, created_at) SELECT ?1, ?2, ?3
               WHERE EXISTS (SELECT 1 FROM tasks WHERE id = ?2) AND NOT EXISTS (SELECT 1 FROM tasks WHERE external_key = ?1)
               ON CONFLICT (external_key) DO NOTHING`,
            )
            .bind(a.externalKey, a.taskId, at),
        ),
      );
      return aliases.filter((_, i) => results[i].meta.changes > 0);
    },
  };
}
