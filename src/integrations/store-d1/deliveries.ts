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
      // A quick run can end before its emitter marks it emitted; "emitted" then must not undo "processed".
      await db
        .prepare(`UPDATE deliveries SET status = ?1, error = ?2, updated_at = ?3 WHERE id = ?4 AND NOT (?1 = 'emitted' AND status = 'processed')`)
        .bind(status, error, new Date().toISOString(), id)
        .run();
    },

    async listDeliveries(limit) {
      const { results } = await db.prepare(`SELECT * FROM deliveries ORDER BY received_at DESC LIMIT ?`).bind(limit).all<DeliveryRow>();
      return results.map(toDelivery);
    },
  };
}
