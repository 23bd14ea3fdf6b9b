// Starts the hub as users run it locally (wrangler dev, D1 migrated, Workflows) on a free port with a throwaway state.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

export interface Hub {
  url: string;
  adminToken: string;
  /** The secret GitHub's webhooks are signed with. */
  webhookSecret: string;
  /** What wrangler printed, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * wrangler dev closes a connection after 5 s idle and sends no Keep-Alive hint, so undici must retire its pooled
 * sockets first (after 4 s): a test that blocks its event loop (spawnSync) between fetches meets a closed socket,
 * UND_ERR_SOCKET "other side closed". Spawn children asynchronously.
 */
export async function startHub(): Promise<Hub> {
  const state = mkdtempSync(join(tmpdir(), "taskhub-hub-"));
  const adminToken = `th_admin_system_${crypto.randomUUID()}`;
  const webhookSecret = `whsec_system_${crypto.randomUUID()}`;
  const envFile = join(state, "dev.env");
  // Secrets go through a file, never the command line.
  writeFileSync(envFile, `HUB_ADMIN_TOKEN=${JSON.stringify(adminToken)}\nGITHUB_WEBHOOK_SECRET=${JSON.stringify(webhookSecret)}\n`, { mode: 0o600 });
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_UPDATE_NOTIFIER: "1", CI: "true" };
  const migrate = spawnSync(process.execPath, [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", state], { cwd: ROOT, env, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}${migrate.stdout}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [WRANGLER, "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", state, "--env-file", envFile, "--show-interactive-dev-session=false", "--inspector-port", String(await freePort())],
    { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    rmSync(state, { recursive: true, force: true });
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, adminToken, webhookSecret, log: () => out, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the hub did not come up:\n${out}`);
}
