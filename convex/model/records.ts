// A task's comments and time entries, and deleting a task with everything that hangs off it.

import { capText, DESCRIPTION_MAX } from "../../src/domain/tasks";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { writeActivity } from "./activity";
import { toTask } from "./docs";
import { storeError } from "./errors";
import { taskByKey } from "./tasks";
import type { Comment, Task, TimeEntry } from "../validators";

/** Rows per child table removed with a task; a task with more is refused rather than half deleted. */
const MAX_CHILDREN = 4000;

export async function mustFind(ctx: MutationCtx, key: string): Promise<Doc<"tasks">> {
  const t = await taskByKey(ctx, key);
  if (!t) throw storeError("not_found", `Task ${key} not found`);
  return t;
}

const where = (t: Doc<"tasks">) => ({ taskId: t._id, taskKey: `${t.projectKey}-${t.number}`, projectId: t.projectId });

export async function addComment(ctx: MutationCtx, key: string, body: string, actor: string, at: string, externalKey: string | null = null): Promise<Comment | null> {
  const task = await mustFind(ctx, key);
  if (externalKey && (await commentByKey(ctx, externalKey))) return null;
  const text = capText(body, DESCRIPTION_MAX);
  const id = await ctx.db.insert("comments", { taskId: task._id, author: actor, body: text, externalKey, createdAt: at });
  await writeActivity(ctx, { at, actor, action: "commented", ...where(task), data: { commentId: id, excerpt: capText(text, 120) } });
  return { id, author: actor, body: text, createdAt: at };
}

const commentByKey = (ctx: MutationCtx, externalKey: string) => ctx.db.query("comments").withIndex("by_externalKey", (q) => q.eq("externalKey", externalKey)).first();

/** Keeps another system's id on a hub comment; false when the comment is unknown, keyed already, or the key is taken. */
export async function setCommentExternalKey(ctx: MutationCtx, commentId: string, externalKey: string): Promise<boolean> {
  const id = ctx.db.normalizeId("comments", commentId);
  const comment = id && (await ctx.db.get(id));
  if (!comment || comment.externalKey !== null || (await commentByKey(ctx, externalKey))) return false;
  await ctx.db.patch(comment._id, { externalKey });
  return true;
}

export async function addTimeEntry(
  ctx: MutationCtx,
  key: string,
  e: { minutes: number; userId: string | null; source: TimeEntry["source"]; ref: string | null },
  actor: string,
  at: string,
): Promise<TimeEntry> {
  if (!Number.isInteger(e.minutes) || e.minutes <= 0) throw storeError("invalid", "minutes must be a positive whole number");
  const task = await mustFind(ctx, key);
  const id = await ctx.db.insert("timeEntries", { taskId: task._id, ...e, externalKey: null, createdAt: at });
  await writeActivity(ctx, { at, actor, action: "time_logged", ...where(task), data: { minutes: e.minutes, source: e.source } });
  return { id, ...e, createdAt: at };
}

export async function deleteTask(ctx: MutationCtx, key: string, actor: string, at: string): Promise<Task> {
  const task = await mustFind(ctx, key);
  const children = [
    ...(await ctx.db.query("comments").withIndex("by_taskId_createdAt", (q) => q.eq("taskId", task._id)).take(MAX_CHILDREN)),
    ...(await ctx.db.query("timeEntries").withIndex("by_taskId", (q) => q.eq("taskId", task._id)).take(MAX_CHILDREN)),
    ...(await ctx.db.query("links").withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", task._id)).take(MAX_CHILDREN)),
    ...(await ctx.db.query("dependencies").withIndex("by_taskId_dependsOnId", (q) => q.eq("taskId", task._id)).take(MAX_CHILDREN)),
    ...(await ctx.db.query("dependencies").withIndex("by_dependsOnId", (q) => q.eq("dependsOnId", task._id)).take(MAX_CHILDREN)),
    ...(await ctx.db.query("taskKeys").withIndex("by_taskId", (q) => q.eq("taskId", task._id)).take(MAX_CHILDREN)),
  ];
  for (const c of children) await ctx.db.delete(c._id);
  // Its subtasks stay, as top-level tasks.
  for (const s of await ctx.db.query("tasks").withIndex("by_parentId_number", (q) => q.eq("parentId", task._id)).take(MAX_CHILDREN)) await ctx.db.patch(s._id, { parentId: null });
  await ctx.db.delete(task._id);
  await writeActivity(ctx, { at, actor, action: "deleted", ...where(task), data: { key: `${task.projectKey}-${task.number}`, title: task.title } });
  return toTask(task);
}
