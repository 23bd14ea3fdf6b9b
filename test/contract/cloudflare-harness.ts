// Runs the engine contract on Cloudflare Workflows: the real binding in workerd, driven with introspectWorkflowInstance.

import { env, introspectWorkflowInstance } from "cloudflare:test";
import type { Env } from "../../src/config";
import { instanceId } from "../../src/integrations/engine-cloudflare";
import { getServices } from "../../src/services";
import { workflows } from "../../src/workflows";
import { triggeredBy } from "../../src/workflows/define";
import type { EngineHarness, Run } from "./engine-harness";

type Introspector = Awaited<ReturnType<typeof introspectWorkflowInstance>>;

/** Instance ids started in this test file (its storage lives as long as the file). */
const started = new Set<string>();

async function exists(id: string): Promise<boolean> {
  try {
    await env.WORKFLOWS.get(id);
    return true;
  } catch {
    return false;
  }
}

export function cloudflareHarness(): EngineHarness {
  const services = getServices(env as unknown as Env);
  const introspectors: Introspector[] = [];
  return {
    services,
    async deliver(events, { failOnce = [] } = {}) {
      const pending: { workflowId: string; instance: Introspector }[] = [];
      for (const event of events) {
        for (const wf of workflows.filter((w) => triggeredBy(w, event))) {
          const id = await instanceId(wf.id, event.id);
          // Started before: nothing to wait for, and the engine must start nothing. (Only ids started here are
          // looked up: a lookup of a missing instance logs uncaught errors from Miniflare's workflow engine.)
          if (started.has(id) && (await exists(id))) continue;
          started.add(id);
          const instance = await introspectWorkflowInstance(env.WORKFLOWS, id);
          introspectors.push(instance);
          await instance.modify(async (m) => {
            await m.disableSleeps();
            for (const name of failOnce) await m.mockStepError({ name }, new Error(`injected failure in ${name}`), 1);
          });
          pending.push({ workflowId: wf.id, instance });
        }
      }
      await services.engine.send(events);
      const runs: Run[] = [];
      for (const { workflowId, instance } of pending) {
        try {
          await instance.waitForStatus("complete");
          runs.push({ workflowId, status: "complete", output: await instance.getOutput() });
        } catch {
          runs.push({ workflowId, status: "errored", output: await instance.getError() });
        }
      }
      return runs;
    },
    async dispose() {
      for (const i of introspectors.splice(0)) await i.dispose();
    },
  };
}
