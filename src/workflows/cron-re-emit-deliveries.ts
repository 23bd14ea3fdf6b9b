// cron-re-emit-deliveries: every 15 minutes, a delivery recorded but never emitted (engine down or at its launch limit, request cut short) is emitted again.

import { defineWorkflow } from "./define";
import type { EventData, EventEnvelope } from "./events";

/** Younger deliveries may still be on their way out of the request that recorded them. */
export const STUCK_AFTER_MS = 2 * 60_000;
/** Deliveries looked at per sweep: enough to drain a burst held back by the launch limit within a few sweeps. */
const BATCH = 1_000;

export const cronReEmitDeliveries = defineWorkflow({ id: "re-emit-deliveries", on: { cron: "*/15 * * * *" } }, async ({ event, step, services }) => {
  const now = Date.parse((event.data as EventData<"cron/ticked">).scheduledTime);
  const stuck = await step.run("find-stuck", async () => {
    const found = await services.store.stuckDeliveries(new Date(now - STUCK_AFTER_MS).toISOString(), BATCH);
    return found.slice(0, await services.engine.launchRoom(found.length));
  });
  if (!stuck.length) return { reEmitted: 0 };
  // The events keep their ids, so an emit that did happen after all starts nothing twice.
  await step.sendEvent("re-emit", stuck.map((d) => JSON.parse(d.emit) as EventEnvelope));
  await step.run("mark-emitted", async () => {
    for (const d of stuck) await services.store.setDeliveryStatus(d.id, "emitted");
  });
  return { reEmitted: stuck.length };
});
