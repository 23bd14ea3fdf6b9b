// The ingress rule, once: record the delivery, emit its event, answer. The work happens in workflows.

import { bodyLimit } from "hono/body-limit";
import type { Services } from "../services";
import { makeEvent, type EventData, type EventName } from "../workflows/events";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 25 * 1024 * 1024;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "payload_too_large", `The body exceeds ${MAX_BODY_BYTES} bytes`);
  },
});

export interface Inbound<N extends EventName> {
  deliveryId: string;
  source: "github" | "transcript" | "hook";
  event: string;
  payload: unknown;
  emit: { name: N; data: EventData<N> };
}

/**
 * A delivery seen before changes nothing; one recorded but never emitted (the emit failed) is
 * emitted again, and the engine's instance id makes that safe.
 */
export async function recordAndEmit<N extends EventName>(s: Services, d: Inbound<N>): Promise<"new" | "duplicate"> {
  const at = new Date().toISOString();
  const outcome = await s.store.recordDelivery({ id: d.deliveryId, source: d.source, event: d.event, payload: JSON.stringify(d.payload), at });
  if (outcome === "duplicate" && (await s.store.getDelivery(d.deliveryId))?.status !== "received") return "duplicate";
  await s.engine.send([makeEvent(d.emit.name, d.deliveryId, d.emit.data, at)]);
  await s.store.setDeliveryStatus(d.deliveryId, "emitted");
  return outcome;
}
