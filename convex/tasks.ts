// Tasks: create, edit, read one with its links, activity and dependencies, list a page, and a board card's extras.

import { v } from "convex/values";
import { effectivePatch, manualTaskDraft } from "../src/domain/tasks";
import { hubMutation, hubQuery } from "./lib/hub";
import { toActivity, toLink, toTask } from "./model/docs";
import { storeError } from "./model/errors";
import { listTasks as list } from "./model/list";
import { editTask, insertTask, projectByKey, taskById, taskByKey } from "./model/tasks";
import { vActivity, vLink, vPriority, vTask, vTaskChange, vTaskDetail, vTaskStatus } from "./validators";
import type { Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";

const DETAIL_ROWS = 100;
const CARD_LINKS = 20;

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
    }),
    actor: v.string(),
    at: v.string(),
  },
  returns: vTask,
  handler: async (ctx, { task: t, actor, at }) => {
    const project = await projectByKey(ctx, t.projectKey);
    if (!project) throw storeError("not_found", `Project ${t.projectKey} not found`);
    const draft = manualTaskDraft(t, actor);
    const doc = await insertTask(ctx, { ...draft, projectId: project._id, parentId: null }, actor, at);
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
    }),
    actor: v.string(),
    at: v.string(),
  },
  returns: vTaskChange,
  handler: async (ctx, { key, patch, actor, at }) => {
    const before = await taskByKey(ctx, key);
    if (!before) throw storeError("not_found", `Task ${key} not found`);
    const from = { status: before.status, dueAt: before.dueAt };
    const fields = effectivePatch(toTask(before), patch);
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
        const task = await taskById(ctx, taskId);
        if (!task) return { taskId, links: [], lastActivity: null };
        const links = await ctx.db.query("links").withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", task._id)).take(CARD_LINKS);
        const last = await ctx.db.query("activity").withIndex("by_taskId_seq", (q) => q.eq("taskId", taskId)).order("desc").first();
        return { taskId, links: links.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(toLink), lastActivity: last ? toActivity(last) : null };
      }),
    ),
});
