// task-finished: a task completed or cancelled (or a burst of them) frees its dependents (their assignees hear), and stale blockers get nudged, then escalated.

import { ESCALATE_AFTER_MS, escalationKey, isStale, mayNudge, nudgeKey, nudgeWindow, shouldEscalate, unblockedKey } from "../domain/chase";
import type { Task } from "../domain/tasks";
import { taskRef } from "../emails/render";
import { escalationEmail, nudgeEmail, unblockedEmail } from "../emails/task-alerts";
import type { Released } from "../ports/store";
import type { Services } from "../ports/services";
import { defineWorkflow, type EventTrigger, type Json, type Step } from "./define";
import type { EventData } from "./events";
import { followUpsOf, followUpTrigger } from "./follow-ups";
import { notify, projectOwners, recipientsFor } from "./notify";

export const CHASE_STEPS = {
  release: "release-dependents",
  unblocked: "tell-unblocked",
  nudge: "nudge-stale-blockers",
  wait: "wait-before-escalating",
  escalate: "escalate-stuck-blockers",
} as const;

type Nudged = { blocker: Task; waiting: Task[]; window: number };

const asJson = <T>(x: T) => JSON.parse(JSON.stringify(x)) as Json;

const PER_TASK = { event: "task/status.changed", when: { to: ["completed", "cancelled"], hasDependents: [true] } } as const satisfies EventTrigger;

type Counts = { unblocked: number; told: number; nudged: Nudged[] };

/**
 * One run per finished task, or per burst (a batch's finished tasks, each with its own steps). The wait before
 * escalating is the run's one sleep, whichever task nudged; after it each blocker is read again.
 */
export const taskFinished = defineWorkflow({ id: "chase-dependencies", on: followUpTrigger(PER_TASK, "chase") }, async ({ event, step, services }): Promise<Json> => {
  const { store } = services;
  const { items, batch, named } = followUpsOf(PER_TASK, event);
  const all: Counts = { unblocked: 0, told: 0, nudged: [] };
  let gone = 0;
  for (const item of items) {
    const { taskId } = item.data as EventData<"task/status.changed">;
    const counts = await releaseAndNudge(services, step, taskId, (s) => named(s, item));
    if (!counts) {
      gone++;
      continue;
    }
    all.unblocked += counts.unblocked;
    all.told += counts.told;
    all.nudged.push(...counts.nudged);
  }
  if (!batch && gone) return { outcome: "task gone" };
  const summary = { unblocked: all.unblocked, told: all.told, nudged: all.nudged.length, ...(batch ? { tasks: items.length } : {}) };
  if (!all.nudged.length) return { ...summary, escalated: 0 };

  await step.sleep(CHASE_STEPS.wait, ESCALATE_AFTER_MS);

  // After the sleep, each blocker is read again: one that moved or finished is not escalated.
  const escalated = await step.run(CHASE_STEPS.escalate, async () => {
    let n = 0;
    for (const { blocker, waiting, window } of all.nudged) {
      if (!shouldEscalate(blocker, await store.taskById(blocker.id))) continue;
      n += await notify(services, await projectOwners(store, blocker.projectKey), "escalation", escalationKey(blocker.id, window), blocker.id, (ctx) =>
        escalationEmail(ctx, taskRef(blocker), waiting.map(taskRef)),
      );
    }
    return n;
  });
  return { ...summary, escalated };
});

/** One finished task's dependents released and told, and its stale blockers nudged; null when the task is gone. */
async function releaseAndNudge(services: Services, step: Step, taskId: string, named: (step: string) => string): Promise<Counts | null> {
  const { store } = services;
  const { done, released } = (await step.run(named(CHASE_STEPS.release), async () => {
    const at = new Date().toISOString();
    return asJson({ done: await store.taskById(taskId), released: await store.releaseDependents(taskId, "system", at) });
  })) as unknown as { done: Task | null; released: Released };
  if (!done) return null;

  const told = await step.run(named(CHASE_STEPS.unblocked), async () => {
    let n = 0;
    for (const t of released.unblocked) {
      n += await notify(services, await recipientsFor(store, t), "unblocked", unblockedKey(t.id, done.id), t.id, (ctx) => unblockedEmail(ctx, taskRef(t), taskRef(done)));
    }
    return n;
  });

  const nudged = (await step.run(named(CHASE_STEPS.nudge), async () => {
    const now = Date.now();
    const stale = new Map<string, Nudged>();
    for (const { task, blockers } of released.stillBlocked) {
      for (const b of blockers.filter((x) => isStale(x, now))) {
        const entry = stale.get(b.id) ?? { blocker: b, waiting: [], window: nudgeWindow(now) };
        entry.waiting.push(task);
        stale.set(b.id, entry);
      }
    }
    const out: Nudged[] = [];
    for (const n of stale.values()) {
      const [last] = await store.listEmails({ taskId: n.blocker.id, kind: "nudge" }, 1);
      if (!mayNudge(last?.createdAt ?? null, now)) continue;
      const sent = await notify(services, await recipientsFor(store, n.blocker), "nudge", nudgeKey(n.blocker.id, n.window), n.blocker.id, (ctx) =>
        nudgeEmail(ctx, taskRef(n.blocker), n.waiting.map(taskRef)),
      );
      if (sent) out.push(n);
    }
    return asJson(out);
  })) as unknown as Nudged[];
  return { unblocked: released.unblocked.length, told, nudged };
}
