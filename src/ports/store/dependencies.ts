// Dependencies between tasks: add (never a cycle), remove, what a completion frees, stale blockers, a project's graph.

import type { Actor } from "../../domain/activity";
import type { ProjectGraph } from "../../domain/graph";
import type { Released } from "../../domain/release";
import type { Task } from "../../domain/tasks";

export interface DependencyStore {
  /** StoreError cycle (details.path: task keys) when dependsOn already reaches task; false when the edge existed. */
  addDependency(taskKey: string, dependsOnKey: string, actor: Actor, at: string): Promise<boolean>;
  removeDependency(taskKey: string, dependsOnKey: string, actor: Actor, at: string): Promise<boolean>;
  /** After a task is done: which dependents it freed (an "unblocked" activity on each, once) and which still wait. */
  releaseDependents(doneTaskId: string, actor: Actor, at: string): Promise<Released>;
  /** Open tasks that open tasks wait on, each with those waiting (the hourly chase of stale blockers). */
  blockersWithWaiting(limit: number): Promise<{ blocker: Task; waiting: Task[] }[]>;
  projectGraph(projectKey: string): Promise<ProjectGraph>;
}
