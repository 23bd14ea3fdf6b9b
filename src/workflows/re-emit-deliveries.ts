// re-emit-deliveries: a delivery recorded but never emitted (engine down or busy, request cut short) is emitted again.

import { EngineBusyError } from "../ports/engine";
import { defineWorkflow } from "./define";
import type { EventData, EventEnvelope } from "./events";

/** Younger deliveries may still be on their way out of the request that recorded them. */
export const STUCK_AFTER_MS = 2 * 60_000;
/** Deliveries looked at per sweep: enough to drain a burst the engine held back within a few sweeps. */
const BATCH = 1_000;

export const reEmitDeliveries = defineWorkflow({ id: "re-emit-deliveries", on: { cron: "*/15 * * * *" } }, async ({ event, step, services }) => {
  const now = Date.parse((event.data as EventData<"cron/ticked">).scheduledTime);
  const stuck = await step.run("find-stuck", () => services.store.stuckDeliveries(new Date(now - STUCK_AFTER_MS).toISOString(), BATCH));
  if (!stuck.length) return { reEmitted: 0, waiting: 0 };
  // One at a time, each marked as it leaves: a busy engine stops the sweep, and the rest wait for the next.
  // The events keep their ids, so an emit that did happen after all (or a replay of this step) starts nothing twice.
  const reEmitted = await step.run("re-emit", async () => {
    let sent = 0;
    for (const d of stuck) {
      try {
        await services.engine.send([JSON.parse(d.emit) as EventEnvelope]);
      } catch (e) {
        if (e instanceof EngineBusyError) break;
        throw e;
      }
      await services.store.setDeliveryStatus(d.id, "emitted");
      sent++;
    }
    return sent;
  });
  return { reEmitted, waiting: stuck.length - reEmitted };
});
