// What the engine contract needs of an engine under test: real services, and a way to run what events start.

import type { Services } from "../../src/services";
import type { EventEnvelope } from "../../src/workflows/events";

export interface Run {
  workflowId: string;
  status: "complete" | "errored";
  output: unknown;
  /** The step names the run went through, in order, where the engine shows them (Inngest). */
  steps?: string[];
}

export interface EngineHarness {
  /** The hub's real services; the engine under test is services.engine. */
  services: Services;
  /**
   * Sends the events through the engine and runs every workflow they start to its end, each sleep resumed at
   * once. Steps named in failOnce throw on their first attempt. An event the engine has seen starts no run.
   */
  deliver(events: EventEnvelope[], opts?: { failOnce?: string[] }): Promise<Run[]>;
  dispose(): Promise<void>;
}

/** The run of one workflow among those an event started (others may listen to the same event). */
export function runOf(runs: Run[], workflowId: string): Run {
  const run = runs.find((r) => r.workflowId === workflowId);
  if (!run) throw new Error(`No run of ${workflowId}; runs: ${runs.map((r) => r.workflowId).join(", ") || "none"}`);
  return run;
}
