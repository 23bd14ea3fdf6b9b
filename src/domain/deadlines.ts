// Deadline alerts: when each threshold falls, whether it is still worth sending, and its idempotency key.

import { isOpen, type Task } from "./tasks";

export const HOUR_MS = 3_600_000;
export const DUE_SOON_MS = 24 * HOUR_MS;
/** The sweep looks back this far for overdue tasks whose alert a lost sleep missed; older ones stay quiet. */
export const OVERDUE_LOOKBACK_MS = 7 * 24 * HOUR_MS;

export type Threshold = "24h" | "due";

export interface DeadlineAlert {
  threshold: Threshold;
  kind: "deadline" | "overdue";
  at: Date;
}

/** The two alerts of a due date, in order: 24 hours before it, then at it. */
export function deadlineAlerts(dueAt: string): DeadlineAlert[] {
  const due = Date.parse(dueAt);
  return [
    { threshold: "24h", kind: "deadline", at: new Date(due - DUE_SOON_MS) },
    { threshold: "due", kind: "overdue", at: new Date(due) },
  ];
}

export const deadlineKey = (taskId: string, dueAt: string, threshold: Threshold) => `deadline:${taskId}:${dueAt}:${threshold}`;

/** The alert is still true of the task: open, the same due date, its time has come, and ("due tomorrow") not yet past due. */
export function alertApplies(task: Pick<Task, "status" | "dueAt">, dueAt: string, threshold: Threshold, now: number): boolean {
  if (!isOpen(task.status) || task.dueAt !== dueAt) return false;
  const due = Date.parse(dueAt);
  return threshold === "24h" ? now >= due - DUE_SOON_MS && now < due : now >= due;
}

/** What the sweep should (re)send for a task now; the keys make a repeat of the sleeping run's alert a no-op. */
export function alertsDueNow(task: Pick<Task, "status" | "dueAt">, now: number): DeadlineAlert[] {
  if (!task.dueAt) return [];
  const dueAt = task.dueAt;
  return deadlineAlerts(dueAt).filter((a) => alertApplies(task, dueAt, a.threshold, now));
}
