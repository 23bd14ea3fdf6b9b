// Shared links: a read-only link to one project, kept by the hash of its secret, listed and revoked per project.

import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { hubMutation, hubQuery } from "./lib/hub";

const vLink = { id: v.string(), projectId: v.string(), label: v.string(), createdBy: v.string(), createdAt: v.string(), expiresAt: v.string(), revokedAt: v.union(v.string(), v.null()) };

const toLink = (d: Doc<"sharedLinks">) => ({
  id: d.linkId, projectId: d.projectId, label: d.label, createdBy: d.createdBy, createdAt: d.createdAt, expiresAt: d.expiresAt, revokedAt: d.revokedAt,
});

export const createSharedLink = hubMutation({
  args: { l: v.object({ projectId: v.string(), secretHash: v.string(), label: v.string(), createdBy: v.string(), expiresAt: v.string(), at: v.string() }) },
  returns: v.object(vLink),
  handler: async (ctx, { l }) => {
    const doc = { linkId: crypto.randomUUID(), projectId: l.projectId, secretHash: l.secretHash, label: l.label, createdBy: l.createdBy, createdAt: l.at, expiresAt: l.expiresAt, revokedAt: null };
    const id = await ctx.db.insert("sharedLinks", doc);
    return toLink((await ctx.db.get(id))!);
  },
});

export const getSharedLink = hubQuery({
  args: { id: v.string() },
  returns: v.union(v.object({ ...vLink, secretHash: v.string() }), v.null()),
  handler: async (ctx, { id }) => {
    const d = await ctx.db.query("sharedLinks").withIndex("by_linkId", (q) => q.eq("linkId", id)).first();
    return d ? { ...toLink(d), secretHash: d.secretHash } : null;
  },
});

export const listSharedLinks = hubQuery({
  args: { projectId: v.string() },
  returns: v.array(v.object(vLink)),
  handler: async (ctx, { projectId }) =>
    (await ctx.db.query("sharedLinks").withIndex("by_projectId_createdAt", (q) => q.eq("projectId", projectId)).order("desc").take(500)).map(toLink),
});

export const revokeSharedLink = hubMutation({
  args: { projectId: v.string(), id: v.string(), at: v.string() },
  returns: v.boolean(),
  handler: async (ctx, { projectId, id, at }) => {
    const d = await ctx.db.query("sharedLinks").withIndex("by_linkId", (q) => q.eq("linkId", id)).first();
    if (!d || d.projectId !== projectId) return false;
    if (!d.revokedAt) await ctx.db.patch(d._id, { revokedAt: at });
    return true;
  },
});
