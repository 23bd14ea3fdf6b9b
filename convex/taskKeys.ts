// Task keys (schema taskKeys, D1's task_keys): the keys a task answers to besides its own external key.

import { v } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { taskByExternalKey, taskById } from "./model/tasks";
import { prefixEnd } from "../src/domain/claude-list";

const vKey = v.object({ taskId: v.string(), externalKey: v.string() });

export const tasksKeyedUnder = hubQuery({
  args: { prefix: v.string(), limit: v.number() },
  returns: v.array(vKey),
  handler: async (ctx, { prefix, limit }) => {
    const end = prefixEnd(prefix);
    const own = await ctx.db.query("tasks").withIndex("by_externalKey", (q) => q.gte("externalKey", prefix).lt("externalKey", end)).take(limit);
    const other = await ctx.db.query("taskKeys").withIndex("by_externalKey", (q) => q.gte("externalKey", prefix).lt("externalKey", end)).take(limit);
    return [...own.map((t) => ({ taskId: t._id as string, externalKey: t.externalKey! })), ...other.map((k) => ({ taskId: k.taskId as string, externalKey: k.externalKey }))].slice(0, limit);
  },
});

export const addTaskKeys = hubMutation({
  args: { keys: v.array(vKey), at: v.string() },
  returns: v.array(vKey),
  handler: async (ctx, { keys, at }) => {
    const added = [];
    for (const k of keys) {
      const task = await taskById(ctx, k.taskId);
      if (!task || (await taskByExternalKey(ctx, k.externalKey))) continue;
      await ctx.db.insert("taskKeys", { externalKey: k.externalKey, taskId: task._id, createdAt: at });
      added.push(k);
    }
    return added;
  },
});

export const knownTaskKeys = hubQuery({
  args: { keys: v.array(v.string()) },
  returns: v.array(v.string()),
  handler: async (ctx, { keys }) => {
    const found = await Promise.all([...new Set(keys)].map(async (k) => ((await taskByExternalKey(ctx, k)) ? k : null)));
    return found.filter((k): k is string => k !== null);
  },
});
