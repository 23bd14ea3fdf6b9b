// One deadline alert sent if it still holds: the sleeping run (task-due-changed) and the sweep (cron-deadline-sweep) share it.

import { alertApplies, deadlineKey, type Threshold } from "../domain/deadlines";
import { isOpen } from "../domain/tasks";
import { taskRef } from "../emails/render";
import { deadlineEmail, overdueEmail } from "../emails/task-alerts";
import type { Services } from "../ports/services";
import { notify, recipientsFor } from "./notify";

export const DEADLINE_STEPS = {
  plan: (t: Threshold) => `plan-${t}`,
  sleep: (t: Threshold) => `sleep-until-${t}`,
  alert: (t: Threshold) => `alert-${t}`,
  sweep: "sweep-due-tasks",
} as const;

export type AlertOutcome = "sent" | "duplicate" | "not-now" | "stopped";

/** Re-reads the task, then sends the alert if it still holds. The key makes the sweep and the sleeping run send it once between them. */
export async function sendDeadlineAlert(services: Services, taskId: string, dueAt: string, threshold: Threshold, now: number): Promise<AlertOutcome> {
  const task = await services.store.taskById(taskId);
  if (!task || !isOpen(task.status) || task.dueAt !== dueAt) return "stopped";
  if (!alertApplies(task, dueAt, threshold, now)) return "not-now";
  const render = threshold === "24h" ? deadlineEmail : overdueEmail;
  const sent = await notify(services, await recipientsFor(services.store, task), threshold === "24h" ? "deadline" : "overdue", deadlineKey(task.id, dueAt, threshold), task.id, (ctx) =>
    render(ctx, taskRef(task)),
  );
  return sent ? "sent" : "duplicate";
}
