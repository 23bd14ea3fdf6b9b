// The ingress queue on Cloudflare Queues (wrangler.toml's INGRESS producer); Miniflare runs the same locally.

import type { NewDelivery } from "../domain/deliveries";
import type { DeliveryQueue } from "../ports/queue";

/** Cloudflare Queues takes 128 KB a message, its own metadata included: this leaves that room. */
const MAX_MESSAGE_BYTES = 120_000;

export class CloudflareQueue implements DeliveryQueue {
  readonly maxMessageBytes = MAX_MESSAGE_BYTES;
  constructor(private readonly binding: Queue) {}

  async send(d: NewDelivery): Promise<void> {
    await this.binding.send(d, { contentType: "json" });
  }
}
