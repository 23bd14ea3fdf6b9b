// cron-roll-up-requests: every 15 minutes, request minutes older than an hour fold into running totals, so /metrics reads a bounded number of rows;
// run traces older than KEEP_TRACES_MS are pruned, so /runs' traces stay bounded too.

import { KEEP_MINUTES_MS, minuteOf } from "../domain/metrics";
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
  let pruned = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await step.run(`prune-traces-${i}`, () => services.store.pruneRunTraces(tracesBefore, PRUNE_BATCH));
    pruned += n;
    if (n < PRUNE_BATCH) break;
  }
  return { rolledUpBefore: before, batches: batches + 1, tracesPruned: pruned };
});
