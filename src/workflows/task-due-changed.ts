// task-due-changed: a due date set or moved → "due within a day" 24 hours before, "overdue" at it; stops when done or moved.

import { deadlineAlerts as alertsOf } from "../domain/deadlines";
import { DEADLINE_STEPS, sendDeadlineAlert, type AlertOutcome } from "./deadline-alert";
import { defineWorkflow } from "./define";
import type { EventData } from "./events";

export const taskDueChanged = defineWorkflow(
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
