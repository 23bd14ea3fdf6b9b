// cron-stale-blockers: hourly, blockers others wait on that are overdue or untouched get nudged, then escalated, without a completion to start it.

import { chaseAction, escalationKey, nudgeKey } from "../domain/chase";
import { taskRef } from "../emails/render";
import { escalationEmail, nudgeEmail } from "../emails/task-alerts";
import { defineWorkflow } from "./define";
import { notify, projectOwners, recipientsFor } from "./notify";

/** Blocking edges looked at per run; the oldest-touched blockers come first. */
const CHASE_MAX = 500;

export const STALE_STEPS = { chase: "chase-stale-blockers" } as const;

export const cronStaleBlockers = defineWorkflow({ id: "chase-stale-blockers", on: { cron: "0 * * * *" } }, async ({ step, services }) => {
  const { store } = services;
  return step.run(STALE_STEPS.chase, async () => {
    const now = Date.now();
    let nudged = 0;
    let escalated = 0;
    for (const { blocker, waiting } of await store.blockersWithWaiting(CHASE_MAX)) {
      const [last] = await store.listEmails({ taskId: blocker.id, kind: "nudge" }, 1);
      const action = chaseAction(blocker, last?.createdAt ?? null, now);
      if (action?.do === "nudge") {
        nudged += await notify(services, await recipientsFor(store, blocker), "nudge", nudgeKey(blocker.id, action.window), blocker.id, (ctx) =>
          nudgeEmail(ctx, taskRef(blocker), waiting.map(taskRef)),
        );
      } else if (action?.do === "escalate") {
        escalated += await notify(services, await projectOwners(store, blocker.projectKey), "escalation", escalationKey(blocker.id, action.window), blocker.id, (ctx) =>
          escalationEmail(ctx, taskRef(blocker), waiting.map(taskRef)),
        );
      }
    }
    return { nudged, escalated };
  });
});
