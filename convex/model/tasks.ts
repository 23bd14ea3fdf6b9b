// Task reads and writes shared by the task functions: lookup by key, numbered insert, versioned edit with its activity.

import { describeEdit, type TaskEdit } from "../../src/domain/task-patch";
import { normalizeTitle, parseTaskKey, type TaskDraft } from "../../src/domain/tasks";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { writeActivity } from "./activity";

export async function projectByKey(ctx: QueryCtx, key: string): Promise<Doc<"projects"> | null> {
  return ctx.db.query("projects").withIndex("by_key", (q) => q.eq("key", key.toUpperCase())).unique();
}

export async function taskByKey(ctx: QueryCtx, key: string): Promise<Doc<"tasks"> | null> {
  const k = parseTaskKey(key);
  const project = k && (await projectByKey(ctx, k.projectKey));
  if (!k || !project) return null;
  return ctx.db.query("tasks").withIndex("by_projectId_number", (q) => q.eq("projectId", project._id).eq("number", k.number)).unique();
}

/** A task by an id the Worker sent; an id that is not a task's is simply not found. */
export async function taskById(ctx: QueryCtx, id: string): Promise<Doc<"tasks"> | null> {
  const taskId = ctx.db.normalizeId("tasks", id);
  return taskId ? ctx.db.get(taskId) : null;
}

export async function taskByExternalKey(ctx: QueryCtx, externalKey: string): Promise<Doc<"tasks"> | null> {
  const own = await ctx.db.query("tasks").withIndex("by_externalKey", (q) => q.eq("externalKey", externalKey)).first();
  if (own) return own;
  // A key the task adopted (a Task-tool create of a prose task's intent): convex/model/ingest.ts writes these.
  const alias = await ctx.db.query("taskKeys").withIndex("by_externalKey", (q) => q.eq("externalKey", externalKey)).first();
  return alias ? ctx.db.get(alias.taskId) : null;
}

/** What the tasks' search index (schema.ts search_text) reads: title and description as one text. */
export const searchText = (title: string, description: string | null) => (description ? `${title}\n${description}` : title);

/** A task draft (domain/tasks.ts) placed in a project; the parent is a Convex id here. */
export type NewTaskDoc = Omit<TaskDraft, "parentId"> & { projectId: Id<"projects">; parentId: Id<"tasks"> | null };

/** Inserts a task numbered next in its project, unless its external key exists already (then null). */
export async function insertTask(ctx: MutationCtx, t: NewTaskDoc, actor: string, at: string): Promise<Doc<"tasks"> | null> {
  if (t.externalKey && (await taskByExternalKey(ctx, t.externalKey))) return null;
  const project = await ctx.db.get(t.projectId);
  if (!project) return null;
  const last = await ctx.db.query("tasks").withIndex("by_projectId_number", (q) => q.eq("projectId", t.projectId)).order("desc").first();
  const number = (last?.number ?? 0) + 1;
  const id = await ctx.db.insert("tasks", {
    ...t,
    projectKey: project.key,
    number,
    titleNorm: normalizeTitle(t.title),
    searchText: searchText(t.title, t.description),
    estimatedHours: t.estimatedHours ?? null,
    createdAt: at,
    updatedAt: at,
    completedAt: t.status === "completed" ? at : null,
    version: 1,
  });
  await writeActivity(ctx, {
    at,
    actor,
    action: "created",
    taskId: id,
    taskKey: `${project.key}-${number}`,
    projectId: t.projectId,
    data: { title: t.title, status: t.status, source: t.sourceKind },
  });
  return (await ctx.db.get(id))!;
}

/** Applies changed fields, bumps the version, and writes the activity row in the same transaction. */
export async function editTask(
  ctx: MutationCtx,
  before: Doc<"tasks">,
  fields: TaskEdit,
  actor: string,
  at: string,
  data: Record<string, unknown> = {},
): Promise<Doc<"tasks">> {
  const { action, changes, completedAt } = describeEdit(before, fields, at);
  const { parentId, ...rest } = fields;
  await ctx.db.patch(before._id, {
    ...rest,
    ...(parentId !== undefined ? { parentId: parentId as Id<"tasks"> | null } : {}),
    ...(fields.title !== undefined ? { titleNorm: normalizeTitle(fields.title) } : {}),
    ...(fields.title !== undefined || fields.description !== undefined
      ? { searchText: searchText(fields.title ?? before.title, fields.description !== undefined ? fields.description : before.description) }
      : {}),
    ...(completedAt !== undefined ? { completedAt } : {}),
    updatedAt: at,
    version: before.version + 1,
  });
  await writeActivity(ctx, {
    at,
    actor,
    action,
    taskId: before._id,
    taskKey: `${before.projectKey}-${before.number}`,
    projectId: before.projectId,
    data: { ...data, changes },
  });
  return (await ctx.db.get(before._id))!;
}
