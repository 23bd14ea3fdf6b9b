// cron-digests: every hour, each person whose local hour is their digest hour gets a daily (or Monday weekly) summary, once.

import { digestDue, digestKey, digestSince, isEmptyDigest } from "../domain/digest";
import { composeEmail } from "../app/compose-email";
import { digestEmail } from "../emails/digest";
import { taskRef } from "../emails/render";
import type { Email } from "../ports/mailer";
import { defineWorkflow } from "./define";
import type { EventData } from "./events";

/** Resend takes up to 100 emails per batch call; the outbox takes the same chunks. */
export const DIGEST_BATCH = 100;

export const DIGEST_STEPS = { due: "find-due-people", send: (i: number) => `send-digests-${i}` } as const;

export const cronDigests = defineWorkflow({ id: "digests", on: { cron: "0 * * * *" } }, async ({ event, step, services }) => {
  const { store, mailer, config } = services;
  // The tick's own time, not the clock: a run replayed later still serves the hour it was fired for.
  const now = new Date((event.data as EventData<"cron/ticked">).scheduledTime);
  const due = await step.run(DIGEST_STEPS.due, async () => (await store.listDigestUsers()).filter((u) => digestDue(u, now)).map((u) => u.id));
  let sent = 0;
  for (let i = 0; i < due.length; i += DIGEST_BATCH) {
    const ids = due.slice(i, i + DIGEST_BATCH);
    sent += await step.run(DIGEST_STEPS.send(i), async () => {
      const emails: Email[] = [];
      for (const id of ids) {
        const user = await store.getUser(id);
        const when = user && digestDue(user, now);
        if (!user || !when) continue;
        const sections = await store.digestFor(user.id, { since: digestSince(user, when.period, now), now: now.toISOString() });
        if (isEmptyDigest(sections)) continue; // nothing to say: no email
        const view = {
          ...when,
          completed: sections.completed.map(taskRef), inProgress: sections.inProgress.map(taskRef), dueSoon: sections.dueSoon.map(taskRef),
          overdue: sections.overdue.map(taskRef), blocked: sections.blocked.map(taskRef), unblocked: sections.unblocked.map(taskRef),
        };
        const email = await composeEmail(config, user, "digest", digestKey(user.id, when.localDate), null, (ctx) => digestEmail(ctx, view));
        if (email) emails.push(email);
      }
      if (!emails.length) return 0;
      const results = await mailer.sendBatch(emails);
      const fresh = emails.filter((_, j) => results[j].status !== "duplicate");
      // Only a digest that went out moves "completed since the last digest" forward.
      for (const e of fresh) await store.markDigestSent(e.userId!, now.toISOString());
      return fresh.length;
    });
  }
  return { due: due.length, sent };
});
