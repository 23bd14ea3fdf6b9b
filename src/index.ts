// Worker entry: fetch (the Hono app), scheduled (crons become events), and the Workflow class.

import { createApp } from "./app";
import type { Env } from "./config";
import { getServices } from "./services";
import { cronEvent } from "./workflows/define";

export { TaskhubWorkflow } from "./integrations/engine-cloudflare/workflow-entrypoint";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(getServices(env).engine.send([cronEvent(controller.cron, controller.scheduledTime)]));
  },
} satisfies ExportedHandler<Env>;
