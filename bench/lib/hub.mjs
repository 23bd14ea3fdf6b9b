// Starts a throwaway hub exactly as `npm run dev` serves it (own port, own state dir) and watches its memory.

import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const root = new URL("../..", import.meta.url).pathname;

/** The Worker the bench serves: the production one with POST /bench/seed in front (the deployed Worker has no seeding route). */
const BENCH_ENTRY = "bench/worker.ts";

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Every process below pid (wrangler's node, workerd), read from /proc. */
export function descendants(pid) {
  const children = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {} // the process ended while we looked
  }
  const out = [];
  const walk = (p) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

const kb = (status, field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);

/** Peak resident memory of the dev process tree: VmHWM, reset per measurement through clear_refs. */
export function memoryWatch(pid) {
  const pids = () => [pid, ...descendants(pid)];
  return {
    reset() {
      for (const p of pids()) {
        try {
          writeFileSync(`/proc/${p}/clear_refs`, "5"); // 5 = reset the peak RSS to the current RSS
        } catch {}
      }
    },
    /** Sum of each process's peak since the last reset, in MB. */
    peakMb() {
      let total = 0;
      for (const p of pids()) {
        try {
          total += kb(readFileSync(`/proc/${p}/status`, "utf8"), "VmHWM");
        } catch {}
      }
      return Math.round(total / 1024);
    },
  };
}

/**
 * A copy of the tree as it is now: wrangler dev rebuilds on every file change, and other people edit this
 * tree while the bench runs; each rebuild restarts workerd and would land in the numbers.
 */
let tree = null;
export function snapshot() {
  if (tree) return tree;
  tree = mkdtempSync(join(tmpdir(), "taskhub-bench-tree-"));
  for (const f of ["src", "convex", "scripts", "migrations", BENCH_ENTRY, "bench/seed.ts", "wrangler.toml", "package.json", "tsconfig.json"]) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(tree, f), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(tree, "node_modules"));
  process.on("exit", () => rmSync(tree, { recursive: true, force: true }));
  return tree;
}

/** Fresh secrets and an empty state dir for one throwaway hub. */
function freshHub() {
  return {
    stateDir: mkdtempSync(join(tmpdir(), "taskhub-bench-")),
    adminToken: `th_admin_${randomBytes(24).toString("hex")}`,
    webhookSecret: `whsec_${randomBytes(16).toString("hex")}`,
  };
}

/** `node scripts/dev.mjs --entry bench/worker.ts` on a free port with fresh state and known secrets. */
export async function startHub({ quiet = true } = {}) {
  const port = await freePort();
  const { stateDir, adminToken, webhookSecret } = freshHub();
  const dir = snapshot();
  const child = spawn(process.execPath, [join(dir, "scripts/dev.mjs"), "--entry", BENCH_ENTRY], {
    cwd: dir,
    detached: true, // its own process group, so stop() ends wrangler and workerd with it
    env: { ...process.env, PORT: String(port), TASKHUB_STATE_DIR: stateDir, HUB_ADMIN_TOKEN: adminToken, GITHUB_WEBHOOK_SECRET: webhookSecret, RATE_LIMIT_WRITES: "1000000" },
    stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"],
  });
  return running({ child, port, stateDir, adminToken, webhookSecret, what: "npm run dev" });
}

const wrangler = () => join(snapshot(), "node_modules", "wrangler", "bin", "wrangler.js");

/** Runs wrangler in the snapshot, quietly, and throws with its output when it fails. */
function wranglerRun(args) {
  const r = spawnSync(process.execPath, [wrangler(), ...args], {
    cwd: snapshot(),
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_UPDATE_NOTIFIER: "1" },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`wrangler ${args.slice(0, 2).join(" ")} failed: ${(r.stderr || r.stdout).slice(-500)}`);
}

/**
 * The same Worker served by Miniflare directly, without wrangler dev's proxy in front: bundled the way `wrangler
 * deploy` bundles it, D1 migrated into a fresh state dir, the same secrets. Only for comparing; the bench's figures
 * are the hub as `npm run dev` serves it.
 */
export async function startMiniflareHub() {
  const port = await freePort();
  const { stateDir, adminToken, webhookSecret } = freshHub();
  const out = join(stateDir, "bundle");
  wranglerRun(["deploy", BENCH_ENTRY, "--dry-run", "--outdir", out]);
  wranglerRun(["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir]);
  const vars = { HUB_ADMIN_TOKEN: adminToken, GITHUB_WEBHOOK_SECRET: webhookSecret, RATE_LIMIT_WRITES: "1000000", PUBLIC_URL: `http://127.0.0.1:${port}` };
  const bundle = readdirSync(out).find((f) => f.endsWith(".js")); // named for the entry (worker.js), not index.js
  const child = spawn(process.execPath, [join(root, "bench/lib/miniflare-server.mjs"), join(out, bundle), join(snapshot(), "wrangler.toml"), String(port), stateDir], {
    detached: true,
    env: { ...process.env, TASKHUB_VARS: JSON.stringify(vars) },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  return running({ child, port, stateDir, adminToken, webhookSecret, what: "miniflare" });
}

/** Waits for GET /health, then hands back what a figure needs to drive the hub and stop it. */
async function running({ child, port, stateDir, adminToken, webhookSecret, what }) {
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`the hub (${what}) did not come up in 120 s`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const hub = {
    base,
    port,
    adminToken,
    webhookSecret,
    pid: child.pid,
    memory: memoryWatch(child.pid),
    async api(method, path, body, token = adminToken) {
      const res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const json = await res.json().catch(() => null);
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
    async stop() {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
  return hub;
}
