// Deliveries on D1: each inbound delivery recorded once, its status, and the runs the launch limit counts.

import type { DeliveryStore } from "../../ports/store";
import { toDelivery, type DeliveryRow } from "./model/rows";

export function deliveries(db: D1Database): DeliveryStore {
  return {
    async recordDelivery(d) {
      const r = await db
        .prepare(
          `INSERT INTO deliveries (id, source, event, status, error, payload, emit, received_at, updated_at, body_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING`,
        )
        .bind(d.id, d.source, d.event, d.status ?? "received", d.error ?? null, d.payload, d.emit ?? null, d.at, d.at, d.bodyHash ?? null)
        .run();
      return r.meta.changes === 1 ? "new" : "duplicate";
    },

    async recordDeliveries(ds) {
      if (!ds.length) return [];
      const rows = ds.map((d) => ({ ...d, status: d.status ?? "received", updatedAt: d.at }));
      // json_each keeps the batch's order, so of two sightings in one batch the first is the one kept; ON CONFLICT
      // covers both the id and the body hash (a unique index), within the batch as against what is stored.
      const insert = db.prepare(
        `INSERT INTO deliveries (id, source, event, status, error, payload, emit, received_at, updated_at, body_hash)
         SELECT json_extract(value, '$.id'), json_extract(value, '$.source'), json_extract(value, '$.event'), json_extract(value, '$.status'),
                json_extract(value, '$.error'), json_extract(value, '$.payload'), json_extract(value, '$.emit'), json_extract(value, '$.at'),
                json_extract(value, '$.updatedAt'), json_extract(value, '$.bodyHash')
         FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING`,
      );
      const chunks = jsonChunks(rows);
      const waiting = db
        .prepare(`SELECT id, emit FROM deliveries WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'received' AND emit IS NOT NULL`)
        .bind(JSON.stringify([...new Set(ds.map((d) => d.id))]));
      // One round trip, one transaction: the inserts and the read of what still waits for its emit.
      const results = await db.batch<{ id: string; emit: string }>([...chunks.map((c) => insert.bind(c)), waiting]);
      return results[results.length - 1].results;
    },

    async stuckDeliveries(receivedBefore, limit) {
      const { results } = await db
        .prepare(`SELECT id, emit FROM deliveries WHERE status = 'received' AND received_at < ? AND emit IS NOT NULL ORDER BY received_at LIMIT ?`)
        .bind(receivedBefore, limit)
        .all<{ id: string; emit: string }>();
      return results;
    },

    async getDelivery(id) {
      const r = await db.prepare(`SELECT * FROM deliveries WHERE id = ?`).bind(id).first<DeliveryRow>();
      return r ? toDelivery(r) : null;
    },

    async setDeliveryStatus(id, status, error = null) {
      const ids = typeof id === "string" ? [id] : id;
      if (!ids.length) return;
      // A quick run can end before its emitter marks it emitted; "emitted" then must not undo "processed".
      await db
        .prepare(
          `UPDATE deliveries SET status = ?1, error = ?2, updated_at = ?3
           WHERE id IN (SELECT value FROM json_each(?4)) AND NOT (?1 = 'emitted' AND status = 'processed')`,
        )
        .bind(status, error, new Date().toISOString(), JSON.stringify(ids))
        .run();
    },

    async listDeliveries(limit) {
      const { results } = await db.prepare(`SELECT * FROM deliveries ORDER BY received_at DESC LIMIT ?`).bind(limit).all<DeliveryRow>();
      return results.map(toDelivery);
    },
  };
}

/** D1 caps a bound string at 2 MB: a batch's JSON goes in pieces under that (3 bytes a character at worst), one statement each (usually one). */
const CHUNK_CHARS = 600_000;

function jsonChunks(rows: object[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (current.length && size + json.length > CHUNK_CHARS) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 0;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length) chunks.push(`[${current.join(",")}]`);
  return chunks;
}
