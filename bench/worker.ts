// The Worker `npm run bench` runs: the production Worker (src/index.ts) with POST /bench/seed in front of it.

import hub from "../src/index";
import { seed, SEED_PATH } from "./seed";

export { TaskhubWorkflow } from "../src/index";

export default {
  fetch(request, env, ctx) {
    return new URL(request.url).pathname === SEED_PATH ? seed.fetch(request, env, ctx) : hub.fetch(request, env, ctx);
  },
  queue: hub.queue,
  scheduled: hub.scheduled,
} satisfies ExportedHandler<Parameters<typeof hub.scheduled>[1]>;
