// The hub's Worker served by Miniflare directly (no wrangler dev proxy): forked by startMiniflareHub, so the bench can
// tell wrangler's share of the webhook figure from ours. argv: the bundle, the wrangler.toml, port, state dir.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Log, LogLevel, Miniflare } from "miniflare";

const [bundle, configPath, port, stateDir] = process.argv.slice(2);
// wrangler's own reading of wrangler.toml (D1, Workflows, compatibility), so the bindings match `npm run dev`.
const { unstable_getMiniflareWorkerOptions } = createRequire(import.meta.url)("wrangler");
const { workerOptions } = unstable_getMiniflareWorkerOptions(configPath);
const vars = JSON.parse(process.env.TASKHUB_VARS ?? "{}"); // secrets through the environment, never argv (visible in `ps`)

const mf = new Miniflare({
  host: "127.0.0.1",
  port: Number(port),
  defaultPersistRoot: `${stateDir}/v3`, // where `wrangler d1 migrations apply --persist-to stateDir` put the database
  cf: false, // offline: no fetch of Request.cf from Cloudflare
  log: new Log(LogLevel.WARN),
  workers: [
    {
      ...workerOptions,
      name: "taskhub",
      bindings: { ...workerOptions.bindings, ...vars },
      // The module listed alone: the bundle keeps optional dynamic imports (resend's @react-email/render) that
      // Miniflare would otherwise try to resolve from disk.
      modulesRoot: dirname(bundle),
      modules: [{ type: "ESModule", path: bundle, contents: readFileSync(bundle) }],
    },
  ],
});
await mf.ready;
process.send?.("ready");
process.on("SIGTERM", () => mf.dispose().finally(() => process.exit(0)));
