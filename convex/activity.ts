// The activity log as a feed: rows after a cursor, and the newest row's id.

import { v } from "convex/values";
import { hubQuery } from "./lib/hub";
import { toActivity } from "./model/docs";
import { vActivity } from "./validators";

export const activitySince = hubQuery({
  args: { afterId: v.number(), limit: v.number(), projectId: v.optional(v.string()) },
  returns: v.array(vActivity),
  handler: async (ctx, { afterId, limit, projectId }) => {
    const rows = projectId
      ? await ctx.db.query("activity").withIndex("by_projectId_seq", (q) => q.eq("projectId", projectId).gt("seq", afterId)).take(limit)
      : await ctx.db.query("activity").withIndex("by_seq", (q) => q.gt("seq", afterId)).take(limit);
    return rows.map(toActivity);
  },
});

export const latestActivityId = hubQuery({
  args: {},
  returns: v.number(),
  handler: async (ctx) => (await ctx.db.query("activity").withIndex("by_seq").order("desc").first())?.seq ?? 0,
});
