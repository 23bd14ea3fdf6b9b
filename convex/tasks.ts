// Tasks: create, edit, read, list, delete, their comments and time, and the reads crons, boards and reports make.

import { v } from "convex/values";
import { effectivePatch, manualTaskDraft, OPEN_STATUSES } from "../src/domain/tasks";
import { hubMutation, hubQuery } from "./lib/hub";
import { toActivity, toLink, toTask } from "./model/docs";
import { storeError } from "./model/errors";
import { watchedTasks as watched } from "./model/github";
import { listTasks as list } from "./model/list";
import { addComment as comment, addTimeEntry as logTime, deleteTask as del, setCommentExternalKey as keepCommentKey } from "./model/records";
import { reportData as report } from "./model/reports";
import { family, resolveParent } from "./model/parents";
import { editTask, insertTask, projectByKey, taskById as byId, taskByKey } from "./model/tasks";
import { vActivity, vComment, vLink, vPriority, vReportData, vTask, vTaskChange, vTaskDetail, vTaskStatus, vTimeEntry, vTimeSource } from "./validators";
import type { Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";

const DETAIL_ROWS = 100;
const CARD_LINKS = 20;
const RECORDS_MAX = 500;

export const createTask = hubMutation({
  args: {
    task: v.object({
      projectKey: v.string(),
      title: v.string(),
      description: v.optional(v.nullable(v.string())),
      priority: v.optional(vPriority),
      dueAt: v.optional(v.nullable(v.string())),
      tags: v.optional(v.array(v.string())),
      assigneeId: v.optional(v.nullable(v.string())),
      parent: v.optional(v.nullable(v.string())),
      estimatedHours: v.optional(v.nullable(v.number())),
      imported: v.optional(v.object({ tracker: v.string(), externalKey: v.string(), status: vTaskStatus })),
    }),
    actor: v.string(),
    at: v.string(),
  },
  returns: vTask,
  handler: async (ctx, { task: t, actor, at }) => {
    const project = await projectByKey(ctx, t.projectKey);
    if (!project) throw storeError("not_found", `Project ${t.projectKey} not found`);
    const draft = manualTaskDraft(t, actor);
    const parentId = (await resolveParent(ctx, project._id, null, t.parent)) ?? null;
    const doc = await insertTask(ctx, { ...draft, projectId: project._id, parentId }, actor, at);
    return toTask(doc!);
  },
});

export const updateTask = hubMutation({
  args: {
    key: v.string(),
    patch: v.object({
      title: v.optional(v.string()),
      description: v.optional(v.nullable(v.string())),
      priority: v.optional(vPriority),
      dueAt: v.optional(v.nullable(v.string())),
      tags: v.optional(v.array(v.string())),
      assigneeId: v.optional(v.nullable(v.string())),
      status: v.optional(vTaskStatus),
      parent: v.optional(v.nullable(v.string())),
      estimatedHours: v.optional(v.nullable(v.number())),
    }),
    actor: v.string(),
    at: v.string(),
  },
  returns: vTaskChange,
  handler: async (ctx, { key, patch, actor, at }) => {
    const before = await taskByKey(ctx, key);
    if (!before) throw storeError("not_found", `Task ${key} not found`);
    const from = { status: before.status, dueAt: before.dueAt };
    const { parent, ...rest } = patch;
    const fields = effectivePatch(toTask(before), { ...rest, parentId: await resolveParent(ctx, before.projectId, before, parent) });
    if (!Object.keys(fields).length) return { task: toTask(before), from };
    return { task: toTask(await editTask(ctx, before, fields, actor, at)), from };
  },
});

async function keysOf(ctx: QueryCtx, ids: Id<"tasks">[]): Promise<string[]> {
  const tasks = await Promise.all(ids.map((id) => ctx.db.get(id)));
  return tasks.flatMap((t) => (t ? [`${t.projectKey}-${t.number}`] : []));
}

export const getTask = hubQuery({
  args: { key: v.string() },
  returns: v.nullable(vTaskDetail),
  handler: async (ctx, { key }) => {
    const task = await taskByKey(ctx, key);
    if (!task) return null;
    const links = await ctx.db.query("links").withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", task._id)).take(DETAIL_ROWS);
    const activity = await ctx.db.query("activity").withIndex("by_taskId_seq", (q) => q.eq("taskId", task._id)).order("desc").take(DETAIL_ROWS);
    const deps = await ctx.db.query("dependencies").withIndex("by_taskId_dependsOnId", (q) => q.eq("taskId", task._id)).take(DETAIL_ROWS);
    const blocks = await ctx.db.query("dependencies").withIndex("by_dependsOnId", (q) => q.eq("dependsOnId", task._id)).take(DETAIL_ROWS);
    return {
      ...toTask(task),
      ...(await family(ctx, task)),
      links: links.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(toLink),
      activity: activity.map(toActivity),
      dependsOn: await keysOf(ctx, deps.map((d) => d.dependsOnId)),
      blocks: await keysOf(ctx, blocks.map((d) => d.taskId)),
    };
  },
});

export const listTasks = hubQuery({
  args: {
    filter: v.object({
      projectKey: v.optional(v.string()),
      status: v.optional(v.array(vTaskStatus)),
      assigneeId: v.optional(v.string()),
      priority: v.optional(vPriority),
      tag: v.optional(v.string()),
      q: v.optional(v.string()),
      dueBefore: v.optional(v.string()),
      dueAfter: v.optional(v.string()),
      blocked: v.optional(v.boolean()),
      projectIds: v.optional(v.array(v.string())),
    }),
    limit: v.number(),
    cursor: v.nullable(v.string()),
  },
  returns: v.object({ items: v.array(vTask), nextCursor: v.nullable(v.string()) }),
  handler: async (ctx, { filter, limit, cursor }) => {
    const page = await list(ctx, filter, limit, cursor);
    return { items: page.items.map(toTask), nextCursor: page.nextCursor };
  },
});

export const cardExtras = hubQuery({
  args: { taskIds: v.array(v.string()) },
  returns: v.array(v.object({ taskId: v.string(), links: v.array(vLink), lastActivity: v.nullable(vActivity) })),
  handler: async (ctx, { taskIds }) =>
    Promise.all(
      taskIds.map(async (taskId) => {
        const task = await byId(ctx, taskId);
        if (!task) return { taskId, links: [], lastActivity: null };
        const links = await ctx.db.query("links").withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", task._id)).take(CARD_LINKS);
        const last = await ctx.db.query("activity").withIndex("by_taskId_seq", (q) => q.eq("taskId", taskId)).order("desc").first();
        return { taskId, links: links.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(toLink), lastActivity: last ? toActivity(last) : null };
      }),
    ),
});

export const taskById = hubQuery({
  args: { id: v.string() },
  returns: v.nullable(vTask),
  handler: async (ctx, { id }) => {
    const t = await byId(ctx, id);
    return t ? toTask(t) : null;
  },
});

export const deleteTask = hubMutation({
  args: { key: v.string(), actor: v.string(), at: v.string() },
  returns: vTask,
  handler: (ctx, a) => del(ctx, a.key, a.actor, a.at),
});

export const addComment = hubMutation({
  args: { key: v.string(), body: v.string(), actor: v.string(), at: v.string() },
  returns: vComment,
  handler: async (ctx, a) => (await comment(ctx, a.key, a.body, a.actor, a.at))!,
});

export const importComment = hubMutation({
  args: { key: v.string(), body: v.string(), externalKey: v.string(), actor: v.string(), at: v.string() },
  returns: v.nullable(vComment),
  handler: (ctx, a) => comment(ctx, a.key, a.body, a.actor, a.at, a.externalKey),
});

export const setCommentExternalKey = hubMutation({
  args: { commentId: v.string(), externalKey: v.string() },
  returns: v.boolean(),
  handler: (ctx, a) => keepCommentKey(ctx, a.commentId, a.externalKey),
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

export const watchedTasks = hubQuery({
  args: { taskIds: v.array(v.string()) },
  returns: v.object({ withDependents: v.array(v.string()), withOpenPullRequests: v.array(v.string()) }),
  handler: (ctx, { taskIds }) => watched(ctx, taskIds),
});

export const reportData = hubQuery({ args: { since: v.string() }, returns: vReportData, handler: (ctx, { since }) => report(ctx, since) });
