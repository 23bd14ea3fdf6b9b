// Dependencies on Convex: add one (never a cycle, decided by src/domain/graph.ts), remove one.

import { cyclePath } from "../../src/domain/graph";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { writeActivity } from "./activity";
import { storeError } from "./errors";
import { edgesFrom } from "./graph";
import { taskByKey } from "./tasks";

const keyOf = (t: Doc<"tasks">) => `${t.projectKey}-${t.number}`;

async function bothTasks(ctx: MutationCtx, taskKey: string, dependsOnKey: string): Promise<[Doc<"tasks">, Doc<"tasks">]> {
  const [task, blocker] = [await taskByKey(ctx, taskKey), await taskByKey(ctx, dependsOnKey)];
  if (!task) throw storeError("not_found", `Task ${taskKey} not found`);
  if (!blocker) throw storeError("not_found", `Task ${dependsOnKey} not found`);
  return [task, blocker];
}

const edge = (ctx: MutationCtx, task: Doc<"tasks">, blocker: Doc<"tasks">) =>
  ctx.db.query("dependencies").withIndex("by_taskId_dependsOnId", (q) => q.eq("taskId", task._id).eq("dependsOnId", blocker._id)).unique();

export async function addDependency(ctx: MutationCtx, taskKey: string, dependsOnKey: string, actor: string, at: string): Promise<boolean> {
  const [task, blocker] = await bothTasks(ctx, taskKey, dependsOnKey);
  const edges = await edgesFrom(ctx, blocker._id);
  const path = cyclePath(task._id, blocker._id, (id) => edges.get(id) ?? []);
  if (path) {
    const named = await Promise.all(path.map(async (id) => {
      const t = await ctx.db.get(id as Doc<"tasks">["_id"]);
      return t ? keyOf(t) : id;
    }));
    throw storeError("cycle", `${keyOf(task)} cannot depend on ${keyOf(blocker)}: ${named.join(" → ")} would be a cycle`, { path: named });
  }
  if (await edge(ctx, task, blocker)) return false;
  await ctx.db.insert("dependencies", { taskId: task._id, dependsOnId: blocker._id, createdAt: at });
  await writeActivity(ctx, {
    at, actor, action: "dependency_added", taskId: task._id, taskKey: keyOf(task), projectId: task.projectId,
    data: { dependsOn: keyOf(blocker), dependsOnId: blocker._id },
  });
  return true;
}

export async function removeDependency(ctx: MutationCtx, taskKey: string, dependsOnKey: string, actor: string, at: string): Promise<boolean> {
  const [task, blocker] = await bothTasks(ctx, taskKey, dependsOnKey);
  const existing = await edge(ctx, task, blocker);
  if (!existing) return false;
  await ctx.db.delete(existing._id);
  await writeActivity(ctx, {
    at, actor, action: "dependency_removed", taskId: task._id, taskKey: keyOf(task), projectId: task.projectId,
    data: { dependsOn: keyOf(blocker), dependsOnId: blocker._id },
  });
  return true;
}
