// The Engine port: send events to the workflows that listen for them (Cloudflare Workflows or Inngest).

import type { EventEnvelope } from "../workflows/events";

/**
 * A workflow run's state, as the engine reports it. "none": no run was started for that event (yet);
 * "unknown": the engine cannot say (Inngest keeps run state behind its REST API).
 */
export type RunStatus = "queued" | "running" | "waiting" | "paused" | "complete" | "errored" | "terminated" | "none" | "unknown";

export interface Engine {
  readonly name: "cloudflare" | "inngest";
  /** Starts every workflow triggered by each event; an event id seen before starts nothing. */
  send(events: EventEnvelope[]): Promise<void>;
  /** How many of `wanted` delivery runs may start now: all of them, unless the engine has a launch limit. */
  launchRoom(wanted: number): Promise<number>;
  /** The live state of the run of workflowId that eventId started. */
  status(workflowId: string, eventId: string): Promise<RunStatus>;
}
