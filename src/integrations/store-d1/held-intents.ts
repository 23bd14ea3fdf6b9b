// Held intents on D1 (held_intents, migration 0024): session intents waiting for the task they name.

import { byDoorOrder } from "../../domain/held-intents";
import type { HeldIntent, HeldIntentStore } from "../../ports/store";

type Row = { id: string; projectId: string; sessionId: string; externalKey: string; doorAt: string; seq: number; intent: string };
const COLUMNS = `id, project_id AS projectId, session_id AS sessionId, external_key AS externalKey, door_at AS doorAt, seq, intent`;
const toHeld = (r: Row): HeldIntent => ({ ...r, intent: JSON.parse(r.intent) });

export function heldIntents(db: D1Database): HeldIntentStore {
  return {
    async holdIntents(sessionId, held, perSession) {
      if (!held.length) return { discarded: 0 };
      const rows = held.map((h) => ({ ...h, intent: JSON.stringify(h.intent) }));
      // One transaction; the insert counts the room before its own rows go in, and json_each's key is each row's place.
      const [count] = await db.batch([
        db.prepare(`SELECT COUNT(*) AS n FROM held_intents WHERE session_id = ?`).bind(sessionId),
        db
          .prepare(
            `INSERT OR IGNORE INTO held_intents (id, project_id, session_id, external_key, door_at, seq, intent)
             SELECT json_extract(value, '$.id'), json_extract(value, '$.projectId'), ?1, json_extract(value, '$.externalKey'),
                    json_extract(value, '$.doorAt'), json_extract(value, '$.seq'), json_extract(value, '$.intent')
             FROM json_each(?2) WHERE key < ?3 - (SELECT COUNT(*) FROM held_intents WHERE session_id = ?1)`,
          )
          .bind(sessionId, JSON.stringify(rows), perSession),
      ]);
      const before = (count.results[0] as { n: number }).n;
      return { discarded: Math.max(0, held.length - Math.max(0, perSession - before)) };
    },

    async releaseHeldIntents(projectId, keys) {
      if (!keys.length) return [];
      // DELETE ... RETURNING takes each row once: of two passes releasing the same key, one gets it.
      const { results } = await db
        .prepare(
          `DELETE FROM held_intents WHERE project_id = ?1 AND external_key IN (SELECT value FROM json_each(?2))
             AND (EXISTS (SELECT 1 FROM tasks t WHERE t.external_key = held_intents.external_key AND t.project_id = ?1)
               OR EXISTS (SELECT 1 FROM task_keys k JOIN tasks t ON t.id = k.task_id WHERE k.external_key = held_intents.external_key AND t.project_id = ?1))
           RETURNING ${COLUMNS}`,
        )
        .bind(projectId, JSON.stringify(keys))
        .all<Row>();
      return byDoorOrder(results.map(toHeld));
    },

    async pruneHeldIntents(before, limit) {
      const { meta } = await db
        .prepare(`DELETE FROM held_intents WHERE id IN (SELECT id FROM held_intents WHERE door_at < ? ORDER BY door_at LIMIT ?)`)
        .bind(before, limit)
        .run();
      return meta.changes;
    },
  };
}
