// Run traces: our own record of each workflow run and its steps, written by the traced Step on both engines.

import type { RunTrace, StepKind, StepTrace, TraceStatus } from "../../domain/run-traces";

export type { RunTrace, StepTrace };

/** Which run: a workflow's run for one event (one instance on Cloudflare, one function run on Inngest). */
export interface RunKey {
  workflow: string;
  eventId: string;
}

export interface RunTraceStore {
  /**
   * An execution of the run begins (engines replay a run from the top, many times): the first call records it; later
   * calls change nothing while it runs, and one after it ended (a rerun) starts it over with one more attempt.
   */
  traceRunStarted(r: RunKey & { deliveryId: string | null; engine: string; input: string; at: string }): Promise<void>;
  /** The run ended; a run never recorded as started is left unrecorded. */
  traceRunEnded(r: RunKey & { status: Exclude<TraceStatus, "running">; error: string | null; at: string }): Promise<void>;
  /**
   * A step began. A "run" step counts one more attempt each call (it is called only when the step really runs, never
   * when the engine replays its memo); a "sleep" or "send" mark is recorded once, with `endedAt` given. A run keeps
   * at most MAX_TRACED_STEPS steps: a new one past that is dropped.
   */
  traceStepStarted(r: RunKey & { name: string; kind: StepKind; input: string | null; at: string; endedAt?: string }): Promise<void>;
  /** The step's attempt ended, with its output or error. */
  traceStepEnded(r: RunKey & { name: string; output: string | null; error: string | null; at: string }): Promise<void>;
  /** The run and its steps, in the order they started. */
  getRunTrace(r: RunKey): Promise<{ run: RunTrace; steps: StepTrace[] } | null>;
  /** The recorded runs that worked for these deliveries (at most 200), replays and reruns included, oldest first, without steps (a bounded number). */
  tracedRuns(deliveryIds: readonly string[]): Promise<RunTrace[]>;
  /** Deletes up to `limit` runs started before `before`, with their steps; returns how many. */
  pruneRunTraces(before: string, limit: number): Promise<number>;
}
