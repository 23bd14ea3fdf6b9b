// Dependencies between tasks (and what a completion frees), comments, time entries, deletion, and the deadline and digest reads.

import { v } from "convex/values";
import { OPEN_STATUSES } from "../src/domain/tasks";
import { hubMutation, hubQuery } from "./lib/hub";
import { addDependency as add, removeDependency as remove } from "./model/dependencies";
import { digestFor as digest } from "./model/digest";
import { blockersWithWaiting as blockers, releaseDependents as release } from "./model/release";
import { toTask } from "./model/docs";
import { addComment as comment, addTimeEntry as logTime, deleteTask as del } from "./model/records";
import { taskById as byId, taskByKey } from "./model/tasks";
import { vBlockerWithWaiting, vComment, vDigestSections, vReleased, vTask, vTimeEntry, vTimeSource } from "./validators";

const edit = { taskKey: v.string(), dependsOnKey: v.string(), actor: v.string(), at: v.string() };
const RECORDS_MAX = 500;

export const addDependency = hubMutation({
  args: edit,
  returns: v.boolean(),
  handler: (ctx, a) => add(ctx, a.taskKey, a.dependsOnKey, a.actor, a.at),
});

export const removeDependency = hubMutation({
  args: edit,
  returns: v.boolean(),
  handler: (ctx, a) => remove(ctx, a.taskKey, a.dependsOnKey, a.actor, a.at),
});

export const addComment = hubMutation({
  args: { key: v.string(), body: v.string(), actor: v.string(), at: v.string() },
  returns: vComment,
  handler: (ctx, a) => comment(ctx, a.key, a.body, a.actor, a.at),
});

export const addTimeEntry = hubMutation({
  args: {
    key: v.string(),
    entry: v.object({ minutes: v.number(), userId: v.nullable(v.string()), source: vTimeSource, ref: v.nullable(v.string()) }),
    actor: v.string(),
    at: v.string(),
  },
  returns: vTimeEntry,
  handler: (ctx, a) => logTime(ctx, a.key, a.entry, a.actor, a.at),
});

export const deleteTask = hubMutation({
  args: { key: v.string(), actor: v.string(), at: v.string() },
  returns: vTask,
  handler: (ctx, a) => del(ctx, a.key, a.actor, a.at),
});

export const taskRecords = hubQuery({
  args: { key: v.string() },
  returns: v.nullable(v.object({ comments: v.array(vComment), timeEntries: v.array(vTimeEntry) })),
  handler: async (ctx, { key }) => {
    const task = await taskByKey(ctx, key);
    if (!task) return null;
    const comments = await ctx.db.query("comments").withIndex("by_taskId_createdAt", (q) => q.eq("taskId", task._id)).take(RECORDS_MAX);
    const time = await ctx.db.query("timeEntries").withIndex("by_taskId", (q) => q.eq("taskId", task._id)).take(RECORDS_MAX);
    return {
      comments: comments.map((c) => ({ id: c._id, author: c.author, body: c.body, createdAt: c.createdAt })),
      timeEntries: time.map((t) => ({ id: t._id, userId: t.userId, minutes: t.minutes, source: t.source, ref: t.ref, createdAt: t.createdAt })),
    };
  },
});

export const taskById = hubQuery({
  args: { id: v.string() },
  returns: v.nullable(vTask),
  handler: async (ctx, { id }) => {
    const t = await byId(ctx, id);
    return t ? toTask(t) : null;
  },
});

export const dueBetween = hubQuery({
  args: { from: v.string(), to: v.string(), limit: v.number() },
  returns: v.array(vTask),
  handler: async (ctx, { from, to, limit }) => {
    const open = await Promise.all(
      OPEN_STATUSES.map((status) =>
        ctx.db.query("tasks").withIndex("by_status_dueAt", (q) => q.eq("status", status).gte("dueAt", from).lt("dueAt", to)).take(limit),
      ),
    );
    return open.flat().sort((a, b) => (a.dueAt ?? "").localeCompare(b.dueAt ?? "")).slice(0, limit).map(toTask);
  },
});

export const releaseDependents = hubMutation({
  args: { doneTaskId: v.string(), actor: v.string(), at: v.string() },
  returns: vReleased,
  handler: (ctx, a) => release(ctx, a.doneTaskId, a.actor, a.at),
});

export const blockersWithWaiting = hubQuery({
  args: { limit: v.number() },
  returns: v.array(vBlockerWithWaiting),
  handler: (ctx, { limit }) => blockers(ctx, limit),
});

export const digestFor = hubQuery({
  args: { userId: v.string(), range: v.object({ since: v.string(), now: v.string() }) },
  returns: vDigestSections,
  handler: (ctx, { userId, range }) => digest(ctx, userId, range),
});
