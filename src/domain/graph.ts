// Dependency graph decisions: cycles, and which dependents a completion unblocks.

import type { Task } from "./tasks";

/** A project's tasks and the dependency edges among them (task depends on dependsOn). */
export interface ProjectGraph {
  tasks: Task[];
  edges: { taskId: string; dependsOnId: string }[];
}

/** Edges as task → the tasks it depends on. */
export type DependsOn = (taskId: string) => readonly string[];

/**
 * Adding "task depends on dependsOn" closes a cycle when dependsOn already reaches task.
 * Returns that path (dependsOn … task, then task again), or null when the edge is safe.
 */
export function cyclePath(task: string, dependsOn: string, edges: DependsOn): string[] | null {
  if (task === dependsOn) return [task, task];
  const parent = new Map<string, string>();
  const queue = [dependsOn];
  const seen = new Set(queue);
  while (queue.length) {
    const at = queue.shift()!;
    for (const next of edges(at)) {
      if (seen.has(next)) continue;
      parent.set(next, at);
      if (next === task) {
        const path = [task];
        for (let p = at; p !== dependsOn; p = parent.get(p)!) path.unshift(p);
        path.unshift(dependsOn);
        return [task, ...path];
      }
      seen.add(next);
      queue.push(next);
    }
  }
  return null;
}

/** Dependents whose every blocker is done once `completed` is. */
export function unblockedBy(
  completed: string,
  dependents: readonly string[],
  blockersOf: DependsOn,
  isDone: (id: string) => boolean,
): string[] {
  return dependents.filter((d) => blockersOf(d).every((b) => b === completed || isDone(b)));
}

/**
 * Making `parent` the parent of `task` closes a cycle when task is parent itself or one of its ancestors.
 * Returns the loop (task, parent, …, task), or null when the move is safe.
 */
export function parentCycle(task: string, parent: string, parentOf: (id: string) => string | null | undefined): string[] | null {
  const path = [task];
  const seen = new Set<string>();
  for (let at: string | null | undefined = parent; at && !seen.has(at); at = parentOf(at)) {
    path.push(at);
    if (at === task) return path;
    seen.add(at);
  }
  return null;
}
