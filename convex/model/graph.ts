// Loads the depends-on edges reachable from a task, so the pure cycle check in src/domain/graph.ts can run.

import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

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
