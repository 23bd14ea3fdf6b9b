// API tokens, stored by hash: create, find, list, revoke, touch.

import { v } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { toToken } from "./model/docs";
import { vScope, vToken } from "./validators";

const MAX_TOKENS = 1000;

export const createToken = hubMutation({
  args: {
    name: v.string(), hash: v.string(), scopes: v.array(vScope), userId: v.optional(v.nullable(v.string())),
    projects: v.optional(v.nullable(v.array(v.string()))), expiresAt: v.optional(v.nullable(v.string())), at: v.string(),
  },
  returns: vToken,
  handler: async (ctx, t) => {
    const id = await ctx.db.insert("tokens", {
      name: t.name, hash: t.hash, scopes: t.scopes, userId: t.userId ?? null, projects: t.projects ?? null, createdAt: t.at, lastUsedAt: null, revokedAt: null, expiresAt: t.expiresAt ?? null,
    });
    return toToken((await ctx.db.get(id))!);
  },
});

export const findTokenByHash = hubQuery({
  args: { hash: v.string() },
  returns: v.nullable(vToken),
  handler: async (ctx, { hash }) => {
    const t = await ctx.db.query("tokens").withIndex("by_hash", (q) => q.eq("hash", hash)).first();
    return t ? toToken(t) : null;
  },
});

export const listTokens = hubQuery({
  args: {},
  returns: v.array(vToken),
  handler: async (ctx) => (await ctx.db.query("tokens").withIndex("by_createdAt").take(MAX_TOKENS)).map(toToken),
});

export const revokeToken = hubMutation({
  args: { id: v.string(), at: v.string() },
  returns: v.boolean(),
  handler: async (ctx, { id, at }) => {
    const tokenId = ctx.db.normalizeId("tokens", id);
    const t = tokenId && (await ctx.db.get(tokenId));
    if (!t || t.revokedAt) return false;
    await ctx.db.patch(t._id, { revokedAt: at });
    return true;
  },
});

export const touchToken = hubMutation({
  args: { id: v.string(), at: v.string() },
  returns: v.null(),
  handler: async (ctx, { id, at }) => {
    const tokenId = ctx.db.normalizeId("tokens", id);
    if (tokenId && (await ctx.db.get(tokenId))) await ctx.db.patch(tokenId, { lastUsedAt: at });
    return null;
  },
});
