// The email log on D1: each email once by its idempotency key, listed newest first.

import type { EmailStore } from "../../ports/store";
import { toEmail, type EmailRow } from "./model/rows";

export function emails(db: D1Database): EmailStore {
  return {
    async recordEmail(e, at) {
      const r = await db
        .prepare(
          `INSERT INTO emails (id, to_address, user_id, kind, task_id, subject, html, text, headers, idempotency_key, status, provider_id, error, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
        )
        .bind(
          crypto.randomUUID(), e.to, e.userId ?? null, e.kind, e.taskId ?? null, e.subject, e.html, e.text, JSON.stringify(e.headers ?? {}),
          e.idempotencyKey, e.status, e.providerId, e.error, at, at,
        )
        .run();
      return r.meta.changes === 1 ? "new" : "duplicate";
    },

    async listEmails(f, limit) {
      const { results } = await db
        .prepare(
          `SELECT e.*, p.key || '-' || t.number AS task_key FROM emails e LEFT JOIN tasks t ON t.id = e.task_id LEFT JOIN projects p ON p.id = t.project_id
           WHERE (?1 IS NULL OR e.to_address = ?1 COLLATE NOCASE) AND (?2 IS NULL OR e.kind = ?2) AND (?3 IS NULL OR e.task_id = ?3)
           ORDER BY e.created_at DESC, e.rowid DESC LIMIT ?4`,
        )
        .bind(f.to ?? null, f.kind ?? null, f.taskId ?? null, limit)
        .all<EmailRow & { task_key: string | null }>();
      return results.map((r) => ({ ...toEmail(r), taskKey: r.task_key }));
    },
  };
}
