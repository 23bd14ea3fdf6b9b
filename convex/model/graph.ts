// Dependency edges: those reachable from a task (for the pure cycle check in src/domain/graph.ts), and a project's graph.

import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { toTask } from "./docs";
import { projectByKey } from "./tasks";
import type { Task } from "../validators";

/** A dependency graph is small; the cap bounds a pathological one. */
export const MAX_EDGES_PER_TASK = 200;

export async function edgesFrom(ctx: QueryCtx, from: Id<"tasks">): Promise<Map<string, string[]>> {
  const edges = new Map<string, string[]>();
  const queue: Id<"tasks">[] = [from];
  while (queue.length) {
    const at = queue.shift()!;
    if (edges.has(at)) continue;
    const deps = await ctx.db.query("dependencies").withIndex("by_taskId_dependsOnId", (q) => q.eq("taskId", at)).take(MAX_EDGES_PER_TASK);
    edges.set(at, deps.map((d) => d.dependsOnId));
    queue.push(...deps.map((d) => d.dependsOnId));
  }
  return edges;
}

/** Tasks a graph shows at most, as on D1. */
const GRAPH_TASKS = 500;

/** The project's tasks plus blockers from other projects, and the edges that start in the project; empty for an unknown key. */
export async function projectGraph(ctx: QueryCtx, projectKey: string): Promise<{ tasks: Task[]; edges: { taskId: string; dependsOnId: string }[] }> {
  const project = await projectByKey(ctx, projectKey);
  if (!project) return { tasks: [], edges: [] };
  const own = await ctx.db.query("tasks").withIndex("by_projectId_number", (q) => q.eq("projectId", project._id)).take(GRAPH_TASKS);
  const tasks = new Map<string, Doc<"tasks">>(own.map((t) => [t._id, t]));
  const edges: { taskId: string; dependsOnId: string }[] = [];
  for (const t of own) {
    for (const d of await ctx.db.query("dependencies").withIndex("by_taskId_dependsOnId", (q) => q.eq("taskId", t._id)).take(MAX_EDGES_PER_TASK)) {
      edges.push({ taskId: d.taskId, dependsOnId: d.dependsOnId });
      if (!tasks.has(d.dependsOnId)) {
        const blocker = await ctx.db.get(d.dependsOnId);
        if (blocker) tasks.set(blocker._id, blocker);
      }
    }
  }
  const shown = [...tasks.values()].sort((a, b) => a.number - b.number).slice(0, GRAPH_TASKS);
  return { tasks: shown.map(toTask), edges };
}

/** A task's ancestors (and itself), each with its parent, for the pure parent-cycle check. */
export async function ancestors(ctx: QueryCtx, from: Id<"tasks">): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let at: Id<"tasks"> | null = from; at && !out.has(at); ) {
    const t: Doc<"tasks"> | null = await ctx.db.get(at);
    if (!t) break;
    out.set(at, t.parentId);
    at = t.parentId;
  }
  return out;
}
