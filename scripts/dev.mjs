#!/usr/bin/env node
// `npm run dev`: the hub on the embedded default — wrangler dev with D1 (migrated), Workflows, the outbox mailer,
// and a ticker that fires the crons every minute. Each job is a module of scripts/dev/.
// `--entry <file>` serves another Worker entry than wrangler.toml's main (`npm run bench`: bench/worker.ts).

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { printBanner } from "./dev/banner.mjs";
import { readCrons, startTicker } from "./dev/crons.mjs";
import { launchLimit, startRecycler } from "./dev/local-workflows.mjs";
import { applyMigrations } from "./dev/migrations.mjs";
import { startRuntime, waitForHealth } from "./dev/runtime.mjs";
import { writeDevVars } from "./dev/vars.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({ options: { entry: { type: "string" } } });
// TASKHUB_STATE_DIR lets `npm run bench` run a throwaway hub beside the developer's own data.
const stateDir = process.env.TASKHUB_STATE_DIR ?? join(root, ".wrangler", "state");
const port = Number(process.env.PORT ?? 8787);
const host = "127.0.0.1";
const base = `http://localhost:${port}`;
const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

function fail(what, e) {
  console.error(`taskhub: ${what}: ${e?.stack ?? e}`);
  process.exit(1);
}

const { envFile, admin, webhook } = writeDevVars({ stateDir, base, launchLimit: launchLimit() });
// Offline by design: no metrics, no update check, no fetch of the Request.cf placeholder from Cloudflare.
// No line per request unless asked for (WRANGLER_LOG=info): wrangler's proxy posts each one to this process to print;
// without them this process's CPU per GET /health fell from 0.62 to 0.05 ms (2,000 requests, same loaded machine), and
// a burst of deliveries no longer scrolls everything else away. Warnings and errors (the Worker's console.error) still show.
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_UPDATE_NOTIFIER: "1", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_LOG: process.env.WRANGLER_LOG ?? "warn" };
let crons;
try {
  crons = readCrons(join(root, "wrangler.toml"));
  applyMigrations({ root, wrangler, stateDir, env });
} catch (e) {
  fail("setting up", e);
}

Object.assign(process.env, env);
process.chdir(root);
let worker;
try {
  worker = await startRuntime({ root, entry: args.entry, envFile, stateDir, host, port, inspect: process.env.TASKHUB_INSPECT === "1" });
} catch (e) {
  fail("wrangler dev failed to start", e);
}

const stops = [startRecycler(worker, stateDir)];
waitForHealth(base).then((ok) => {
  if (!ok) return;
  printBanner({ base, admin, webhook, stateDir });
  stops.push(startTicker(base, crons));
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  for (const s of stops) s();
  // Ends workerd; the exit below happens either way.
  await worker.dispose().catch((e) => console.error(`taskhub: stopping wrangler dev failed: ${e?.message ?? e}`));
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
