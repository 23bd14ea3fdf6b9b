// Task aliases (schema taskAliases, D1's 0016): the keys a task answers to besides its own external key.

import { v } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { taskByExternalKey, taskById } from "./model/tasks";
import { prefixEnd } from "../src/domain/claude-list";

const vAlias = v.object({ taskId: v.string(), externalKey: v.string() });

export const tasksKeyedUnder = hubQuery({
  args: { prefix: v.string(), limit: v.number() },
  returns: v.array(vAlias),
  handler: async (ctx, { prefix, limit }) => {
    const end = prefixEnd(prefix);
    const own = await ctx.db.query("tasks").withIndex("by_externalKey", (q) => q.gte("externalKey", prefix).lt("externalKey", end)).take(limit);
    const aliases = await ctx.db.query("taskAliases").withIndex("by_externalKey", (q) => q.gte("externalKey", prefix).lt("externalKey", end)).take(limit);
    return [...own.map((t) => ({ taskId: t._id as string, externalKey: t.externalKey! })), ...aliases.map((a) => ({ taskId: a.taskId as string, externalKey: a.externalKey }))].slice(0, limit);
  },
});

export const addTaskAliases = hubMutation({
  args: { aliases: v.array(vAlias), at: v.string() },
  returns: v.array(vAlias),
  handler: async (ctx, { aliases, at }) => {
    const added = [];
    for (const a of aliases) {
      const task = await taskById(ctx, a.taskId);
      if (!task || (await taskByExternalKey(ctx, a.externalKey))) continue;
      await ctx.db.insert("taskAliases", { externalKey: a.externalKey, taskId: task._id, createdAt: at });
      added.push(a);
    }
    return added;
  },
});
