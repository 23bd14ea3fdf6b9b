// Lays out a dependency graph for a server-drawn SVG: columns by depth, and which tasks and edges sit on blocked chains.

import { isDone, type Task } from "./tasks";

export interface Placed {
  task: Pick<Task, "id" | "key" | "title" | "status">;
  x: number;
  y: number;
  blocked: boolean;
}

export interface Layout {
  nodes: Placed[];
  edges: { from: Placed; to: Placed; blocking: boolean }[]; // from the blocker to the task that waits
  width: number;
  height: number;
}

export const NODE_W = 190;
export const NODE_H = 44;
const GAP_X = 70;
const GAP_Y = 18;

type T = Pick<Task, "id" | "key" | "title" | "status" | "number">;

/** Depth = the longest chain of blockers below a task (cycles are refused on insert, but guarded here too). */
export function layoutGraph(tasks: T[], edges: { taskId: string; dependsOnId: string }[]): Layout {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const deps = new Map<string, string[]>();
  for (const e of edges) if (byId.has(e.taskId) && byId.has(e.dependsOnId)) deps.set(e.taskId, [...(deps.get(e.taskId) ?? []), e.dependsOnId]);
  const depth = new Map<string, number>();
  const visit = (id: string, trail: Set<string>): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (trail.has(id)) return 0;
    trail.add(id);
    const d = Math.max(-1, ...(deps.get(id) ?? []).map((b) => visit(b, trail))) + 1;
    trail.delete(id);
    depth.set(id, d);
    return d;
  };
  const columns: T[][] = [];
  for (const t of [...tasks].sort((a, b) => a.number - b.number)) (columns[visit(t.id, new Set())] ??= []).push(t);
  const isBlocked = (id: string) => !isDone(byId.get(id)!.status) && (deps.get(id) ?? []).some((b) => !isDone(byId.get(b)!.status));
  const placed = new Map<string, Placed>();
  columns.forEach((col, i) =>
    col.forEach((t, j) => placed.set(t.id, { task: t, x: 10 + i * (NODE_W + GAP_X), y: 10 + j * (NODE_H + GAP_Y), blocked: isBlocked(t.id) })),
  );
  const nodes = [...placed.values()];
  const laid = [...deps].flatMap(([task, blockers]) =>
    blockers.map((b) => ({ from: placed.get(b)!, to: placed.get(task)!, blocking: !isDone(byId.get(b)!.status) && !isDone(byId.get(task)!.status) })),
  );
  return {
    nodes,
    edges: laid,
    width: Math.max(200, ...nodes.map((n) => n.x + NODE_W + 10)),
    height: Math.max(60, ...nodes.map((n) => n.y + NODE_H + 10)),
  };
}
