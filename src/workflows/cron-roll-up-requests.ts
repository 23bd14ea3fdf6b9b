// cron-roll-up-requests: every 15 minutes, request minutes older than an hour fold into running totals, so /metrics reads a bounded number of rows;
// run traces older than KEEP_TRACES_MS are pruned, so /runs' traces stay bounded too, and so are session intents
// that waited longer than HOLD_MS for a task never created (domain/held-intents.ts).

import { KEEP_MINUTES_MS, minuteOf } from "../domain/metrics";
import { HELD_PRUNE_BATCH, HOLD_MS, heldBefore } from "../domain/held-intents";
import { KEEP_TRACES_MS, PRUNE_BATCH } from "../domain/run-traces";
import { defineWorkflow } from "./define";
import type { EventData } from "./events";

/** Batches per run at most (each one transaction); a backlog beyond them waits for the next tick. */
const MAX_BATCHES = 20;

export const cronRollUpRequests = defineWorkflow({ id: "roll-up-requests", on: { cron: "*/15 * * * *" } }, async ({ event, step, services }) => {
  const now = Date.parse((event.data as EventData<"cron/ticked">).scheduledTime);
  const before = minuteOf(new Date(now - KEEP_MINUTES_MS));
  let batches = 0;
  // Each batch is its own step: a retry redoes only the batch that failed, and a folded batch is never folded twice.
  while (batches < MAX_BATCHES && (await step.run(`roll-up-${batches}`, () => services.store.rollUpRequests(before)))) batches++;
  const tracesBefore = new Date(now - KEEP_TRACES_MS).toISOString();
  const pruned = await inBatches(PRUNE_BATCH, (i) => step.run(`prune-traces-${i}`, () => services.store.pruneRunTraces(tracesBefore, PRUNE_BATCH)));
  const held = await inBatches(HELD_PRUNE_BATCH, (i) => step.run(`prune-held-intents-${i}`, () => services.store.pruneHeldIntents(heldBefore(now), HELD_PRUNE_BATCH)));
  if (held) console.warn(`held intents: ${held} discarded after waiting ${HOLD_MS / 3_600_000} h for a task never created`);
  return { rolledUpBefore: before, batches: batches + 1, tracesPruned: pruned, heldIntentsDiscarded: held };
});

/** Runs a pruning step until one removes less than a full batch, or MAX_BATCHES ran; returns how many were removed. */
async function inBatches(size: number, prune: (i: number) => Promise<number>): Promise<number> {
  let removed = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await prune(i);
    removed += n;
    if (n < size) break;
  }
  return removed;
}
