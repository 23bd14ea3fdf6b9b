// cron-deadline-sweep: every 15 minutes, whatever deadline alert is due now and was not sent (a lost sleep, a deploy) goes out.

import { alertsDueNow, DUE_SOON_MS, OVERDUE_LOOKBACK_MS } from "../domain/deadlines";
import { DEADLINE_STEPS, sendDeadlineAlert } from "./deadline-alert";
import { defineWorkflow } from "./define";

/** Tasks the sweep looks at per run; more than that are overdue for a conversation, not an email. */
const SWEEP_MAX = 500;

export const cronDeadlineSweep = defineWorkflow({ id: "deadline-sweep", on: { cron: "*/15 * * * *" } }, async ({ step, services }) => {
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
