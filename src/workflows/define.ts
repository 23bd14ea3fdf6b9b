// defineWorkflow: workflows written once, run by either engine (Cloudflare Workflows or Inngest).

import { traced } from "../app/run-traces";
import type { Workflow, WorkflowOptions } from "../ports/workflow";

/** The contract (Step, Trigger, Workflow, ...) is the engines' too, so it lives in the ports; workflows read it here. */
export * from "../ports/workflow";

/** Every workflow runs traced (app/run-traces.ts): its run and steps recorded ourselves, alike on both engines. */
export function defineWorkflow(options: WorkflowOptions, run: Workflow["run"]): Workflow {
  return { retries: 3, ...options, run: traced(options.id, run) };
}
