// The ingress queue port: where ingress puts a verified delivery, so the sender's answer waits on nothing else.

import type { NewDelivery } from "../domain/deliveries";

export interface DeliveryQueue {
  /** The largest message the queue takes, in bytes of JSON; a larger delivery is stored at the door instead. */
  readonly maxMessageBytes: number;
  /** Resolves once the queue holds the delivery: from then on it is not lost (retried, else dead-lettered). */
  send(d: NewDelivery): Promise<void>;
}
