// One-off fixes for deployments holding rows written before a field existed: run once after `npx convex deploy`.

import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { searchText } from "./model/tasks";

/** Rows a batch reads: one mutation stays far inside Convex's per-transaction read and write limits. */
const BATCH = 200;

/**
 * Tasks written before `searchText` existed are invisible to the board's search (the search index reads only that
 * field). `npx convex run backfills:backfillSearchText` fills it in batches, each batch scheduling the next, so a
 * deployment of any size is done without one long transaction; rows that have it are left as they are.
 */
export const backfillSearchText = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  returns: v.object({ updated: v.number(), done: v.boolean() }),
  handler: async (ctx, { cursor }) => {
    const page = await ctx.db.query("tasks").paginate({ cursor: cursor ?? null, numItems: BATCH });
    let updated = 0;
    for (const t of page.page) {
      if (t.searchText !== undefined) continue;
      await ctx.db.patch(t._id, { searchText: searchText(t.title, t.description) });
      updated++;
    }
    if (!page.isDone) await ctx.scheduler.runAfter(0, internal.backfills.backfillSearchText, { cursor: page.continueCursor });
    return { updated, done: page.isDone };
  },
});
