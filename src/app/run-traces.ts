// The traced Step: one decorator both engines put around the Step a workflow gets, recording the run and its steps ourselves.

import { preview } from "../domain/run-traces";
import type { EventEnvelope } from "../domain/events";
import type { RunKey, Store } from "../ports/store";
import { deliveryOf, failureMessage, type Json, type Step, type Workflow } from "../ports/workflow";

/** A trace write must never fail the run it describes: a failure is logged and the run goes on. */
async function quietly(what: string, key: RunKey, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    console.error(`run trace: ${what} of ${key.workflow} ${key.eventId} not recorded: ${(e as Error)?.message ?? e}`);
  }
}

const at = () => new Date().toISOString();

/**
 * The Step, recording each step that really runs. Engines replay a run from the top and hand memoized steps their
 * recorded result without calling fn: only a call of fn is an attempt, so a replay adds no rows. Sleeps and sends
 * are marks recorded once (the store ignores them the second time).
 */
export function tracedStep(store: Store, key: RunKey, step: Step): Step {
  return {
    run: <T extends Json | void>(name: string, fn: () => Promise<T>) =>
      step.run(name, async () => {
        await quietly("step start", key, () => store.traceStepStarted({ ...key, name, kind: "run", input: null, at: at() }));
        try {
          const out = await fn();
          await quietly("step end", key, () => store.traceStepEnded({ ...key, name, output: preview(out ?? null), error: null, at: at() }));
          return out;
        } catch (e) {
          await quietly("step error", key, () => store.traceStepEnded({ ...key, name, output: null, error: failureMessage(e), at: at() }));
          throw e;
        }
      }),
    sleep: async (name, ms) => {
      const now = new Date();
      await quietly("sleep", key, () => store.traceStepStarted({ ...key, name, kind: "sleep", input: `${ms} ms`, at: now.toISOString(), endedAt: new Date(now.getTime() + ms).toISOString() }));
      return step.sleep(name, ms);
    },
    sleepUntil: async (name, until) => {
      const now = at();
      const wake = until.toISOString();
      await quietly("sleep", key, () => store.traceStepStarted({ ...key, name, kind: "sleep", input: `until ${wake}`, at: now, endedAt: wake > now ? wake : now }));
      return step.sleepUntil(name, until);
    },
    sendEvent: async (name, events) => {
      const now = at();
      await quietly("send", key, () => store.traceStepStarted({ ...key, name, kind: "send", input: preview(events.map((e) => e.name)), at: now, endedAt: now }));
      return step.sendEvent(name, events);
    },
  };
}

/** The run's key: a workflow's run for one event. */
export const runKey = (workflow: string, event: EventEnvelope): RunKey => ({ workflow, eventId: event.id });

export function traceRunEnd(store: Store, key: RunKey, status: "complete" | "errored" | "terminated", error: string | null): Promise<void> {
  return quietly("run end", key, () => store.traceRunEnded({ ...key, status, error, at: at() }));
}

/**
 * A workflow's run, traced (defineWorkflow wraps every workflow in it, so both engines trace alike): the run recorded
 * as started (each execution of it; the store keeps the first), its steps as they run, and how it ended. An error
 * reaches here only once the engine gave up on a step (both retry steps first), or from code outside any step: Inngest
 * retries that whole, and the next execution starts the trace over as another attempt.
 */
export function traced(workflowId: string, run: Workflow["run"]): Workflow["run"] {
  return async ({ event, step, services }) => {
    const key = runKey(workflowId, event);
    const { store } = services;
    const input = preview(event.data ?? null) ?? "null";
    await quietly("run start", key, () => store.traceRunStarted({ ...key, deliveryId: deliveryOf(event), engine: services.engine.name, input, at: at() }));
    try {
      const out = await run({ event, step: tracedStep(store, key, step), services });
      await traceRunEnd(store, key, "complete", null);
      return out;
    } catch (e) {
      await traceRunEnd(store, key, "errored", failureMessage(e));
      throw e;
    }
  };
}
