// The Engine port: send events to the workflows that listen for them (Cloudflare Workflows or Inngest).

import type { EventEnvelope } from "../domain/events";

/**
 * A workflow run's state, as the engine reports it. "none": no run was started for that event (yet);
 * "unknown": the engine cannot say (Inngest keeps run state behind its REST API).
 */
export type RunStatus = "queued" | "running" | "waiting" | "paused" | "complete" | "errored" | "terminated" | "none" | "unknown";

export interface Engine {
  readonly name: "cloudflare" | "inngest";
  /** The ids of the workflows it runs, sorted: what the runs page filters by. */
  workflowIds(): string[];
  /**
   * Starts every workflow triggered by each event; an event id seen before starts nothing. A batch is one call
   * (the ingress queue's consumer sends its whole batch at once): Workflows' createBatch, one Inngest send.
   */
  send(events: EventEnvelope[]): Promise<void>;
  /** How many of `wanted` delivery runs may start now: all of them, unless the engine has a launch limit. */
  launchRoom(wanted: number): Promise<number>;
  /** The live state of the run of workflowId that eventId started. */
  status(workflowId: string, eventId: string): Promise<RunStatus>;
  /** The run each workflow this event triggers has (or would have), with its live state: what the runs page shows. */
  runs(event: EventEnvelope): Promise<WorkflowRun[]>;
  /**
   * Stops the run of workflowId for this event: Cloudflare terminates its instance; Inngest cancels it through its
   * cancellation API (runs of that function started since `startedAt` whose event has this id).
   */
  cancel(workflowId: string, eventId: string, startedAt: string): Promise<void>;
  /** true: a rerun sends the event again (Inngest), so it needs the whole event; false: the engine restarts the run itself. */
  readonly rerunResends: boolean;
  /**
   * Runs a run that ended badly again. Cloudflare restarts the same instance (same run, from its first step);
   * Inngest cannot rerun one run through its API, so `resend` (the run's event, needed then: see rerunResends) goes
   * out again under `freshId`, and every workflow it triggers runs again under that id. Returns the event id the run
   * now goes by.
   */
  rerun(workflowId: string, eventId: string, resend: EventEnvelope | null, freshId: string): Promise<string>;
}

/** One workflow's run for one event: `instance` is the engine's own name for it. */
export interface WorkflowRun {
  workflow: string;
  instance: string;
  status: RunStatus;
}
