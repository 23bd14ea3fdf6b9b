// The Engine port: send events to the workflows that listen for them (Cloudflare Workflows or Inngest).

import type { EventEnvelope } from "../workflows/events";

export interface Engine {
  readonly name: "cloudflare" | "inngest";
  /** Starts every workflow triggered by each event; an event id seen before starts nothing. */
  send(events: EventEnvelope[]): Promise<void>;
}
