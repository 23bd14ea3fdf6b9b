// Subtasks on Convex: the parent a create or an edit names, checked (same project, no cycle), and a task's subtasks.

import { parentCycle } from "../../src/domain/graph";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { storeError } from "./errors";
import { ancestors } from "./graph";
import { taskByKey } from "./tasks";

/** A task has at most this many subtasks listed (a task page, not a whole project). */
export const SUBTASKS_MAX = 500;

const keyOf = (t: Doc<"tasks">) => `${t.projectKey}-${t.number}`;

/**
 * The parent's id for a task of `projectId` (null detaches; undefined leaves it). `task` is the task being
 * edited (null on create): a parent that is the task itself or one of its subtasks would close a cycle.
 */
export async function resolveParent(
  ctx: QueryCtx,
  projectId: Id<"projects">,
  task: Doc<"tasks"> | null,
  parentKey: string | null | undefined,
): Promise<Id<"tasks"> | null | undefined> {
  if (parentKey == null) return parentKey;
  const parent = await taskByKey(ctx, parentKey);
  if (!parent) throw storeError("invalid", `No task ${parentKey} to be the parent`, { parent: parentKey });
  if (parent.projectId !== projectId) throw storeError("invalid", `${keyOf(parent)} is in another project; a parent must be in the same project`, { parent: keyOf(parent) });
  if (!task) return parent._id;
  const up = await ancestors(ctx, parent._id);
  const loop = parentCycle(task._id, parent._id, (id) => up.get(id));
  if (loop) {
    const named = await Promise.all(loop.map(async (id) => ((t) => (t ? keyOf(t) : id))(await ctx.db.get(id as Id<"tasks">))));
    throw storeError("cycle", `${keyOf(task)} cannot be a subtask of ${keyOf(parent)}: ${named.join(" → ")} would be a cycle`, { path: named });
  }
  return parent._id;
}

/** The parent's key and the subtasks' keys, oldest first. */
export async function family(ctx: QueryCtx, task: Doc<"tasks">): Promise<{ parent: string | null; subtasks: string[] }> {
  const parent = task.parentId ? await ctx.db.get(task.parentId) : null;
  const subtasks = await ctx.db.query("tasks").withIndex("by_parentId_number", (q) => q.eq("parentId", task._id)).take(SUBTASKS_MAX);
  return { parent: parent ? keyOf(parent) : null, subtasks: subtasks.map(keyOf) };
}
