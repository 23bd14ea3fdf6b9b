// The first step of a webhook workflow: read back the compact payload ingress stored with the delivery.

import type { Store } from "../ports/store";
import type { Step } from "./define";

/** Step results must be JSON, so the stored text is the step's result and is parsed outside it. */
export async function loadDeliveryPayload<T>(step: Step, store: Store, deliveryId: string, stepName: string): Promise<T> {
  const text = await step.run(stepName, async () => {
    const d = await store.getDelivery(deliveryId);
    if (!d?.payload) throw new Error(`Delivery ${deliveryId} has no payload`);
    return d.payload;
  });
  return JSON.parse(text) as T;
}
