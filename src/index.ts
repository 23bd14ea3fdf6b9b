// Worker entry: fetch (the Hono app), queue (the ingress queue's batches), scheduled (crons become events), and the Workflow class.

import { createApp } from "./app";
import type { Env } from "./config";
import { workflowEntrypoint } from "./integrations/engine-cloudflare/workflow-entrypoint";
import { consumeQueue } from "./routes/queue";
import { getServices } from "./services";
import { workflowById } from "./workflows";
import { cronEvent } from "./workflows/define";

/** The class wrangler.toml's [[workflows]] binding names. */
export const TaskhubWorkflow = workflowEntrypoint(getServices, workflowById);

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<unknown>, env: Env) {
    await consumeQueue(batch, getServices(env));
  },
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(getServices(env).engine.send([cronEvent(controller.cron, controller.scheduledTime)]));
  },
} satisfies ExportedHandler<Env>;
