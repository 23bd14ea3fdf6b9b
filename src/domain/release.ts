// What a finished task does to the tasks that depend on it: which are freed, and which still wait on which open blockers.

import { unblockedBy } from "./graph";
import { isDone, isOpen, type Task, type TaskStatus } from "./tasks";

/** What a completion did to the tasks that depend on it. */
export interface Released {
  /** Dependents whose every blocker is now done. */
  unblocked: Task[];
  /** Dependents still waiting, with their open blockers. */
  stillBlocked: { task: Task; blockers: Task[] }[];
}

export interface ReleasePlan {
  /** Open dependents whose every blocker is now done. */
  freed: string[];
  /** Open dependents still waiting, with their blockers that are still open. */
  stillBlocked: { id: string; blockers: string[] }[];
}

/** `dependents`: the tasks that depend on `done`; `blockersOf`: what each depends on; `statusOf`: the status of any of them (undefined when gone). */
export function planRelease(
  done: string,
  dependents: readonly string[],
  blockersOf: (id: string) => readonly string[],
  statusOf: (id: string) => TaskStatus | undefined,
): ReleasePlan {
  const open = (id: string) => {
    const s = statusOf(id);
    return !!s && isOpen(s);
  };
  const waiting = [...new Set(dependents)].filter(open);
  const freed = unblockedBy(done, waiting, blockersOf, (id) => isDone(statusOf(id) ?? "todo"));
  return {
    freed,
    stillBlocked: waiting.filter((id) => !freed.includes(id)).map((id) => ({ id, blockers: blockersOf(id).filter(open) })),
  };
}
