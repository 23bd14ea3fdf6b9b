// wrangler dev through its programmatic API, and waiting until the hub answers GET /health.

import { join } from "node:path";

/**
 * The programmatic API rather than the CLI: the CLI always attaches a DevTools inspector to workerd, and with it
 * attached every subrequest the Worker makes (each D1 query is one) gets much dearer — a webhook delivery ran at
 * half the rate (`npm run bench`, webhook ingest: about 290 against 600 req/s measured side by side; GET /health,
 * which makes none, the same). `inspect` turns it back on for debugging. Everything else is what `wrangler dev`
 * sets up: the bundle rebuilt on change, D1 and Workflows persisted under stateDir, /__scheduled, the env file's
 * secrets, request logs. `entry` replaces wrangler.toml's main (`npm run bench` serves bench/worker.ts).
 */
export async function startRuntime({ root, entry, envFile, stateDir, host, port, inspect }) {
  const { unstable_startWorker } = await import("wrangler");
  const { getNodeCompat } = await import("miniflare");
  const worker = await unstable_startWorker({
    config: join(root, "wrangler.toml"),
    ...(entry ? { entrypoint: join(root, entry) } : {}),
    envFiles: [envFile],
    // The CLI works the Node.js compatibility mode out from the config's flags; the API leaves it to the caller.
    build: { nodejsCompatMode: (config) => getNodeCompat(config.compatibility_date, config.compatibility_flags ?? []).mode },
    dev: { remote: false, server: { hostname: host, port }, inspector: inspect ? { hostname: host } : false, persist: stateDir, testScheduled: true, watch: true },
  });
  await worker.ready;
  return worker;
}

/** Waits up to a minute for GET /health; false (with the last failure logged) when the hub never answered. */
export async function waitForHealth(base) {
  let last = "no answer";
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return true;
      last = `GET /health answered ${res.status}`;
    } catch (e) {
      last = `GET /health failed: ${e?.cause?.code ?? e?.message ?? e}`; // not listening yet while workerd starts: tried again
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(`taskhub: the hub did not come up within a minute (${last})`);
  return false;
}
