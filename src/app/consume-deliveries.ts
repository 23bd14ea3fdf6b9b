// The ingress queue's consumer, as use cases: a batch of deliveries stored in one write and started in one call; dead letters recorded.

import type { EventEnvelope } from "../domain/events";
import type { Services } from "../ports/services";
import type { NewDelivery } from "../ports/store";

/**
 * Stores the batch (a delivery seen before, by id or body hash, in this batch or earlier, changes nothing) and
 * starts the workflows of every delivery still waiting for its emit, including one a failed attempt stored but
 * never started; instance ids are the events' ids, so a retried batch starts nothing twice. Beyond the engine's
 * launch room deliveries stay "received" for the re-emit sweep. Throws when the store or the engine fails: the
 * caller retries.
 */
export async function storeAndStart(s: Services, batch: readonly NewDelivery[]): Promise<{ started: number }> {
  if (!batch.length) return { started: 0 };
  const waiting = await s.store.recordDeliveries(batch);
  const now = waiting.slice(0, await s.engine.launchRoom(waiting.length));
  if (!now.length) return { started: 0 };
  await s.engine.send(now.map((w) => JSON.parse(w.emit) as EventEnvelope));
  await s.store.setDeliveryStatus(now.map((w) => w.id), "emitted");
  return { started: now.length };
}

/**
 * Deliveries the queue gave up on, kept as "dead" so /runs shows them and the operator can replay them: a new
 * one is recorded dead with its own reason; one already stored but never started is marked dead; one that did
 * start keeps its status (the run tells its own story).
 */
export async function recordDead(s: Services, dead: readonly NewDelivery[]): Promise<void> {
  if (!dead.length) return;
  const stuck = await s.store.recordDeliveries(dead.map((d) => ({ ...d, status: "dead" as const, error: d.error ?? DEAD })));
  await s.store.setDeliveryStatus(stuck.map((d) => d.id), "dead", DEAD);
}

const DEAD = "The ingress queue gave up on this delivery after its retries (dead-lettered)";
