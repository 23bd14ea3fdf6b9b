// What local Cloudflare Workflows needs to survive bursts: the launch limit's default and the runtime reload that closes finished runs.
// The counting itself is the engine's (src/integrations/engine-cloudflare/launch-limit.ts).

import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Runs alive at once (running, or ended under a minute ago). Local Workflows keeps each run's SQLite database open
 * after it ends (about three file descriptors each, and a share of workerd's 512 MiB SQLite heap, which ran out
 * (SQLITE_NOMEM) with about 2,600 held open) until the reload below, so a burst beyond this waits, recorded, for
 * the re-emit sweep instead of taking the hub down.
 */
export function launchLimit() {
  const r = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" });
  const fds = Number(r.stdout?.trim());
  const room = Number.isFinite(fds) ? Math.floor((fds - 1_000) / 4) : 1_500; // "unlimited" (or no answer) is not a number
  return Math.max(100, Math.min(1_500, room));
}

/**
 * Local Workflows does not close a finished run's SQLite database while the runtime lives (seen here: runs ended 13
 * minutes before still open; SQLITE_NOMEM with about 2,600 of them). Reloading the runtime closes them all, and runs
 * still going carry on from their stored steps, so the hub reloads after every RECYCLE_AFTER new runs. wrangler
 * holds requests that arrive during the reload.
 */
const RECYCLE_AFTER = 500;
const RECYCLE_CHECK_MS = 10_000;

/** Run databases under the state dir; none before the first run creates the directory. */
function workflowRuns(instancesDir) {
  let dirs;
  try {
    dirs = readdirSync(instancesDir);
  } catch (e) {
    if (e?.code === "ENOENT") return 0; // no run yet
    throw e;
  }
  return dirs.reduce((n, d) => n + readdirSync(join(instancesDir, d)).filter((f) => f.endsWith(".sqlite")).length, 0);
}

/** Reloads the runtime after every RECYCLE_AFTER new runs; returns the stop function. */
export function startRecycler(worker, stateDir) {
  const instancesDir = join(stateDir, "v3", "workflows");
  let runsAtReload = workflowRuns(instancesDir);
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const runs = workflowRuns(instancesDir);
      if (runs - runsAtReload < RECYCLE_AFTER) return;
      await worker.patchConfig({});
      console.log(`taskhub: runtime reloaded after ${runs - runsAtReload} workflow runs (closes their databases)`);
      runsAtReload = runs;
    } catch (e) {
      console.error(`taskhub: runtime reload failed: ${e?.message ?? e}`);
    } finally {
      busy = false;
    }
  }, RECYCLE_CHECK_MS);
  return () => clearInterval(timer);
}
