// The one Cloudflare WorkflowEntrypoint: runs any defineWorkflow, dispatching on the workflow id.

import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import type { Env } from "../../config";
import type { Services } from "../../ports/services";
import { deliveryOf, failureMessage, type Json, type Step, type Workflow } from "../../ports/workflow";
import type { InstanceParams } from ".";
import { recordRunEnded } from "./launch-limit";

/** The entrypoint class for these workflows and services; src/index.ts exports it under the name wrangler.toml binds. */
export function workflowEntrypoint(servicesOf: (env: Env) => Services, workflowById: (id: string) => Workflow | undefined) {
  return class TaskhubWorkflow extends WorkflowEntrypoint<Env, InstanceParams> {
    async run(event: WorkflowEvent<InstanceParams>, step: WorkflowStep) {
      const wf = workflowById(event.payload.workflowId);
      if (!wf) throw new Error(`Unknown workflow ${event.payload.workflowId}`);
      const services = servicesOf(this.env);
      const retries = { limit: wf.retries ?? 3, delay: "2 seconds" as const, backoff: "exponential" as const };
      const s: Step = {
        // Step results are JSON by contract (Json), which Workflows can persist; its own types recurse too deep.
        run: <T extends Json | void>(name: string, fn: () => Promise<T>) =>
          (step.do as (n: string, c: object, f: () => Promise<unknown>) => Promise<unknown>)(name, { retries }, fn) as Promise<T>,
        sleep: (name, ms) => step.sleep(name, ms),
        sleepUntil: (name, at) => step.sleepUntil(name, at),
        sendEvent: async (name, events) => {
          await step.do(name, { retries }, async () => {
            await services.engine.send(events);
          });
        },
      };
      try {
        return (await wf.run({ event: event.payload.event, step: s, services })) ?? null;
      } catch (e) {
        // Steps have used up their retries: the run is over, and its delivery is marked failed for a replay.
        const deliveryId = deliveryOf(event.payload.event);
        if (deliveryId) await step.do("record-failure", () => services.store.setDeliveryStatus(deliveryId, "failed", failureMessage(e)));
        throw e;
      } finally {
        // Reached only when the run is over (a sleeping run's promise is dropped, not settled).
        // Bookkeeping for the launch limit must not fail the run: a failure is logged, and the row ages out.
        if (event.payload.counted) {
          await recordRunEnded(this.env.DB, event.instanceId).catch((e) => console.error(`launch limit: marking ${event.instanceId} ended failed: ${(e as Error)?.message ?? e}`));
        }
      }
    }
  };
}
