// deadline-alerts: a due date set or moved → "due within a day" 24 hours before, "overdue" at it; stops when done or moved.

import { alertApplies, alertsDueNow, deadlineAlerts as alertsOf, deadlineKey, DUE_SOON_MS, OVERDUE_LOOKBACK_MS, type Threshold } from "../domain/deadlines";
import { isOpen } from "../domain/tasks";
import { taskRef } from "../emails/render";
import { deadlineEmail, overdueEmail } from "../emails/task-alerts";
import type { Services } from "../ports/services";
import { defineWorkflow } from "./define";
import type { EventData } from "./events";
import { notify, recipientsFor } from "./notify";

export const DEADLINE_STEPS = {
  plan: (t: Threshold) => `plan-${t}`,
  sleep: (t: Threshold) => `sleep-until-${t}`,
  alert: (t: Threshold) => `alert-${t}`,
  sweep: "sweep-due-tasks",
} as const;

/** Tasks the sweep looks at per run; more than that are overdue for a conversation, not an email. */
const SWEEP_MAX = 500;

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

export const deadlineAlerts = defineWorkflow(
  {
    id: "deadline-alerts",
    on: { event: "task/due.changed" },
    cancelOn: [
      { event: "task/due.changed", match: "data.taskId" },
      { event: "task/status.changed", match: "data.taskId", where: { "data.to": "completed" } },
      { event: "task/status.changed", match: "data.taskId", where: { "data.to": "cancelled" } },
    ],
  },
  async ({ event, step, services }) => {
    const { taskId, dueAt } = event.data as EventData<"task/due.changed">;
    if (!dueAt) return { outcome: "no due date" };
    const outcomes: Record<string, AlertOutcome> = {};
    for (const alert of alertsOf(dueAt)) {
      // A time already past is not slept for (Workflows refuses it): a task set inside the window is alerted at once.
      // Whether to sleep is itself a step, so a replay decides the same way.
      const ahead = await step.run(DEADLINE_STEPS.plan(alert.threshold), async () => alert.at.getTime() > Date.now());
      if (ahead) await step.sleepUntil(DEADLINE_STEPS.sleep(alert.threshold), alert.at);
      const outcome = await step.run(DEADLINE_STEPS.alert(alert.threshold), () => sendDeadlineAlert(services, taskId, dueAt, alert.threshold, Date.now()));
      outcomes[alert.threshold] = outcome;
      if (outcome === "stopped") break;
    }
    return outcomes;
  },
);

/** Every 15 minutes: whatever alert is due now and was not sent (a lost sleep, a deploy) goes out; the keys stop repeats. */
export const deadlineSweep = defineWorkflow({ id: "deadline-sweep", on: { cron: "*/15 * * * *" } }, async ({ step, services }) => {
  const sent = await step.run(DEADLINE_STEPS.sweep, async () => {
    const now = Date.now();
    const tasks = await services.store.dueBetween(new Date(now - OVERDUE_LOOKBACK_MS).toISOString(), new Date(now + DUE_SOON_MS).toISOString(), SWEEP_MAX);
    let n = 0;
    for (const t of tasks) {
      for (const a of alertsDueNow(t, now)) if ((await sendDeadlineAlert(services, t.id, t.dueAt!, a.threshold, now)) === "sent") n++;
    }
    return n;
  });
  return { sent };
});
