#!/usr/bin/env node
// `npm run dev`: the hub on the embedded default — wrangler dev with D1 (migrated), Workflows,
// the outbox mailer, and a ticker that fires the crons every minute (workerd does not locally).

import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// TASKHUB_STATE_DIR lets `npm run bench` run a throwaway hub beside the developer's own data.
const stateDir = process.env.TASKHUB_STATE_DIR ?? join(root, ".wrangler", "state");
const port = Number(process.env.PORT ?? 8787);
const host = "127.0.0.1";
const base = `http://localhost:${port}`;
const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const TICK_MS = 60_000;

/** A secret from the environment, else the one generated on an earlier run, else a new one kept for next time. */
function persistentSecret(name, prefix) {
  if (process.env[name]) return { value: process.env[name], source: "environment" };
  const file = join(stateDir, `taskhub-${name.toLowerCase()}`);
  if (existsSync(file)) return { value: readFileSync(file, "utf8").trim(), source: file };
  const value = `${prefix}${randomBytes(24).toString("hex")}`;
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file, value, { mode: 0o600 });
  return { value, source: "generated" };
}

/**
 * Deliveries' workflow runs alive at once (running, or ended under a minute ago). Local Workflows keeps each
 * run's SQLite database open after it ends (about three file descriptors each, and a share of workerd's
 * 512 MiB SQLite heap, which ran out (SQLITE_NOMEM) with about 2,600 held open) until the recycler below
 * reloads the runtime, so a burst beyond this waits, recorded, for the re-emit sweep instead of taking the hub down.
 */
function launchLimit() {
  const fds = Number(spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).stdout.trim());
  const room = Number.isFinite(fds) ? Math.floor((fds - 1_000) / 4) : 1_500; // "unlimited" is not a number
  return Math.max(100, Math.min(1_500, room));
}

const admin = persistentSecret("HUB_ADMIN_TOKEN", "th_admin_");
const webhook = persistentSecret("GITHUB_WEBHOOK_SECRET", "whsec_");
const hubSecret = persistentSecret("HUB_SECRET", "");

// Secrets reach wrangler through an env file, never the command line (visible in `ps`).
const envFile = join(stateDir, "taskhub-dev.env");
const passthrough = ["WORKFLOW_LAUNCH_LIMIT", "STORE", "ENGINE", "MAILER", "GITHUB_TOKEN", "GITHUB_WEBHOOK_SECRET_PREVIOUS", "CONVEX_URL", "HUB_CONVEX_SECRET", "INNGEST_DEV", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "RESEND_API_KEY", "MAIL_FROM", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "TASKHUB_BENCH", "RATE_LIMIT_WRITES"];
const vars = {
  WORKFLOW_LAUNCH_LIMIT: String(launchLimit()),
  HUB_ADMIN_TOKEN: admin.value,
  GITHUB_WEBHOOK_SECRET: webhook.value,
  HUB_SECRET: hubSecret.value,
  PUBLIC_URL: process.env.PUBLIC_URL ?? base,
  ...Object.fromEntries(passthrough.filter((k) => process.env[k]).map((k) => [k, process.env[k]])),
};
writeFileSync(envFile, Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join("\n") + "\n", { mode: 0o600 });

// Offline by design: no metrics, no update check, no fetch of the Request.cf placeholder from Cloudflare.
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_UPDATE_NOTIFIER: "1", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const migrate = spawnSync(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], {
  cwd: root,
  env: { ...env, CI: "true" },
  stdio: ["ignore", "inherit", "inherit"],
});
if (migrate.status !== 0) {
  console.error("taskhub: applying D1 migrations failed");
  process.exit(migrate.status ?? 1);
}

// wrangler dev through its programmatic API rather than its CLI: the CLI always attaches a DevTools inspector to
// workerd, and with it attached every subrequest the Worker makes (each D1 query is one) gets much dearer — a
// webhook delivery ran at half the rate (`npm run bench`, webhook ingest: about 290 against 600 req/s measured side
// by side; GET /health, which makes none, the same). TASKHUB_INSPECT=1 turns the inspector back on for
// debugging. Everything else is what `wrangler dev` sets up: the bundle rebuilt on change, D1 and Workflows
// persisted under stateDir, /__scheduled, the env file's secrets, request logs.
Object.assign(process.env, env);
process.chdir(root);
const { unstable_startWorker } = await import("wrangler");
const { getNodeCompat } = await import("miniflare");
const inspect = process.env.TASKHUB_INSPECT === "1";
let worker;
try {
  worker = await unstable_startWorker({
    config: join(root, "wrangler.toml"),
    envFiles: [envFile],
    // The CLI works the Node.js compatibility mode out from the config's flags; the API leaves it to the caller.
    build: { nodejsCompatMode: (config) => getNodeCompat(config.compatibility_date, config.compatibility_flags ?? []).mode },
    dev: { remote: false, server: { hostname: host, port }, inspector: inspect ? { hostname: host } : false, persist: stateDir, testScheduled: true, watch: true },
  });
  await worker.ready;
} catch (e) {
  console.error(`taskhub: wrangler dev failed to start: ${e?.stack ?? e}`);
  process.exit(1);
}

const crons = [...readFileSync(join(root, "wrangler.toml"), "utf8").matchAll(/^crons\s*=\s*\[(.*)\]/gm)].flatMap((m) => [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]));

async function up() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function tick() {
  for (const cron of crons) {
    try {
      await fetch(`${base}/__scheduled?cron=${encodeURIComponent(cron)}`);
    } catch {} // the hub restarting; the next tick catches up
  }
}

let ticker;
up().then((ok) => {
  if (!ok) return;
  console.log(`
  taskhub is running
    dashboard   ${base}/
    admin token ${admin.value}   (${admin.source === "generated" ? "generated; kept in .wrangler/state" : `from ${admin.source}`})
    webhook     ${base}/webhooks/github   secret ${webhook.source === "environment" ? "(from GITHUB_WEBHOOK_SECRET)" : webhook.value}
    data        ${stateDir}
`);
  tick();
  ticker = setInterval(tick, TICK_MS);
});

/**
 * Local Workflows does not close a finished run's SQLite database while the runtime lives (seen here: runs
 * ended 13 minutes before still open; SQLITE_NOMEM with about 2,600 of them). Reloading the runtime closes
 * them all, and runs still going carry on from their stored steps, so the hub reloads after every
 * RECYCLE_AFTER new runs. wrangler holds requests that arrive during the reload.
 */
const RECYCLE_AFTER = 500;
const RECYCLE_CHECK_MS = 10_000;
const instancesDir = join(stateDir, "v3", "workflows");
function workflowRuns() {
  try {
    return readdirSync(instancesDir).reduce((n, d) => n + readdirSync(join(instancesDir, d)).filter((f) => f.endsWith(".sqlite")).length, 0);
  } catch {
    return 0; // no run yet
  }
}
let runsAtReload = workflowRuns();
let reloading = false;
const recycler = setInterval(async () => {
  const runs = workflowRuns();
  if (reloading || stopping || runs - runsAtReload < RECYCLE_AFTER) return;
  reloading = true;
  try {
    await worker.patchConfig({});
    console.log(`taskhub: runtime reloaded after ${runs - runsAtReload} workflow runs (closes their databases)`);
    runsAtReload = runs;
  } catch (e) {
    console.error(`taskhub: runtime reload failed: ${e?.message ?? e}`);
  } finally {
    reloading = false;
  }
}, RECYCLE_CHECK_MS);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  clearInterval(ticker);
  clearInterval(recycler);
  await worker.dispose().catch(() => {}); // ends workerd; the exit below happens either way
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
