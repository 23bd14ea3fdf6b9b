// Shared links on D1 (migrations/0021): the secret's hash, never the secret.

import type { SharedLink } from "../../domain/shared-links";
import type { SharedLinkStore } from "../../ports/store";

interface Row {
  id: string; project_id: string; secret_hash: string; label: string; created_by: string; created_at: string; expires_at: string; revoked_at: string | null;
}

const toLink = (r: Row): SharedLink => ({
  id: r.id, projectId: r.project_id, label: r.label, createdBy: r.created_by, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at,
});

export function sharedLinks(db: D1Database): SharedLinkStore {
  return {
    async createSharedLink(l) {
      const id = crypto.randomUUID();
      await db
        .prepare(`INSERT INTO shared_links (id, project_id, secret_hash, label, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .bind(id, l.projectId, l.secretHash, l.label, l.createdBy, l.at, l.expiresAt)
        .run();
      return { id, projectId: l.projectId, label: l.label, createdBy: l.createdBy, createdAt: l.at, expiresAt: l.expiresAt, revokedAt: null };
    },

    async getSharedLink(id) {
      const r = await db.prepare(`SELECT * FROM shared_links WHERE id = ?`).bind(id).first<Row>();
      return r ? { ...toLink(r), secretHash: r.secret_hash } : null;
    },

    async listSharedLinks(projectId) {
      const { results } = await db.prepare(`SELECT * FROM shared_links WHERE project_id = ? ORDER BY created_at DESC, id`).bind(projectId).all<Row>();
      return results.map(toLink);
    },

    async revokeSharedLink(projectId, id, at) {
      const r = await db
        .prepare(`UPDATE shared_links SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND project_id = ?`)
        .bind(at, id, projectId)
        .run();
      return r.meta.changes === 1;
    },
  };
}
