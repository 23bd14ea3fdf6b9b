// D1 migrations applied to the dev state dir before the runtime starts.

import { spawnSync } from "node:child_process";

/** Runs `wrangler d1 migrations apply DB --local`; throws with the exit status when it fails (its output went to the terminal). */
export function applyMigrations({ root, wrangler, stateDir, env }) {
  const r = spawnSync(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], {
    cwd: root,
    env: { ...env, CI: "true" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.error) throw new Error(`applying D1 migrations failed: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`applying D1 migrations failed (wrangler exited with ${r.status ?? r.signal})`);
}
