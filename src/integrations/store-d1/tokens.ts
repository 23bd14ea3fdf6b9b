// API tokens on D1, stored by hash: create, find, list, revoke, touch.

import type { TokenStore } from "../../ports/store";
import { toToken, type TokenRow } from "./model/rows";

export function tokens(db: D1Database): TokenStore {
  return {
    async createToken(t) {
      const id = crypto.randomUUID();
      await db
        .prepare(`INSERT INTO tokens (id, user_id, name, hash, scopes, projects, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .bind(id, t.userId ?? null, t.name, t.hash, JSON.stringify(t.scopes), t.projects ? JSON.stringify(t.projects) : null, t.at, t.expiresAt ?? null)
        .run();
      return { id, userId: t.userId ?? null, name: t.name, scopes: t.scopes, projects: t.projects ?? null, createdAt: t.at, lastUsedAt: null, revokedAt: null, expiresAt: t.expiresAt ?? null };
    },

    async findTokenByHash(hash) {
      const r = await db.prepare(`SELECT * FROM tokens WHERE hash = ?`).bind(hash).first<TokenRow>();
      return r ? toToken(r) : null;
    },

    async listTokens() {
      const { results } = await db.prepare(`SELECT * FROM tokens ORDER BY created_at`).all<TokenRow>();
      return results.map(toToken);
    },

    async revokeToken(id, at) {
      const r = await db.prepare(`UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).bind(at, id).run();
      return r.meta.changes === 1;
    },

    async touchToken(id, at) {
      await db.prepare(`UPDATE tokens SET last_used_at = ? WHERE id = ?`).bind(at, id).run();
    },
  };
}
