// Bursts: a push of 2,000 commits naming 500 tasks, and an import of 200 transcripts (the CLI), each to fully applied.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureProject } from "./e2e.mjs";
import { headers, pushTo } from "./lib/github.mjs";
import { root } from "./lib/hub.mjs";
import { round, sleep, until } from "./lib/stats.mjs";
import { rekey, wholeSessions } from "./lib/transcripts.mjs";

const COMMITS = 2_000;
const TASKS = 500;
const TRANSCRIPTS = 200;

async function open(hub, project) {
  return (await hub.api("GET", `/api/tasks?project=${project}&status=todo,in_progress,review&limit=1`)).tasks.length;
}

export async function benchPushBurst(hub) {
  await ensureProject(hub, { key: "BUR", name: "Burst", repos: ["bench/burst"], paths: ["/bench/burst"] });
  // 500 open tasks through the API (the bench seed writes a mature project, mostly done, which a burst cannot close).
  let made = 0;
  const make = async () => {
    while (made < TASKS) await hub.api("POST", "/api/tasks", { project: "BUR", title: `Burst target ${++made}` });
  };
  await Promise.all(Array.from({ length: 8 }, make));
  const body = pushTo("bench/burst", Array.from({ length: COMMITS }, (_, j) => `Fixes BUR-${(j % TASKS) + 1}: part ${Math.floor(j / TASKS) + 1}`));
  hub.memory.reset();
  const t0 = performance.now();
  const res = await fetch(`${hub.base}/webhooks/github`, { method: "POST", headers: headers(hub.webhookSecret, body), body });
  if (res.status !== 202) throw new Error(`burst push answered ${res.status}: ${await res.text()}`);
  await until(async () => (await open(hub, "BUR")) === 0, { timeoutMs: 180_000, everyMs: 200 });
  const s = (performance.now() - t0) / 1000;
  const tasksAndCompleted = await fingerprint(hub, "BUR");
  if (tasksAndCompleted !== `${TASKS}/${TASKS}`) throw new Error(`push burst left the project at ${tasksAndCompleted} tasks/completed`);
  return { name: "push burst", unit: "s", value: round(s, 2), baseline: null, ratio: null, detail: { commits: COMMITS, tasks: TASKS, bytes: body.length, tasksAndCompleted, peakMemoryMb: hub.memory.peakMb() } };
}

/** All of the project's tasks, a fingerprint of what has been applied so far. */
async function fingerprint(hub, project) {
  let cursor = null;
  let n = 0;
  let done = 0;
  do {
    const page = await hub.api("GET", `/api/tasks?project=${project}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    n += page.tasks.length;
    done += page.tasks.filter((t) => t.status === "completed").length;
    cursor = page.nextCursor;
  } while (cursor);
  return `${n}/${done}`;
}

/**
 * Time to fully applied: the CLI posts every file, then we watch the project until its tasks stop changing
 * for QUIET_MS; the figure is the time of the last change, not of the watch's end.
 */
const QUIET_MS = 5_000;

export async function benchImportBurst(hub) {
  await ensureProject(hub, { key: "IMP", name: "Import", repos: [], paths: ["/bench/import"] });
  const dir = mkdtempSync(join(tmpdir(), "taskhub-bench-import-"));
  mkdirSync(join(dir, "projects", "bench"), { recursive: true });
  let bytes = 0;
  for (let i = 0; i < TRANSCRIPTS; i++) {
    const text = rekey(wholeSessions[i % wholeSessions.length], { cwd: "/bench/import", tag: `imp~${i}~` });
    bytes += text.length;
    writeFileSync(join(dir, "projects", "bench", `${crypto.randomUUID()}.jsonl`), text);
  }
  hub.memory.reset();
  const t0 = performance.now();
  const cli = spawn(process.execPath, [join(root, "cli/taskhub.mjs"), "import", join(dir, "projects")], {
    env: { ...process.env, TASKHUB_URL: hub.base, TASKHUB_TOKEN: hub.adminToken, TASKHUB_STATE_DIR: join(dir, "state") },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  cli.stderr.on("data", (d) => (stderr += d));
  const code = await new Promise((r) => cli.once("exit", r));
  if (code !== 0) throw new Error(`taskhub import exited ${code}: ${stderr.slice(-500)}`);
  const posted = (performance.now() - t0) / 1000;
  let last = await fingerprint(hub, "IMP");
  let lastChange = performance.now();
  while (performance.now() - lastChange < QUIET_MS) {
    await sleep(200);
    const now = await fingerprint(hub, "IMP");
    if (now !== last) (last = now), (lastChange = performance.now());
  }
  rmSync(dir, { recursive: true, force: true });
  const s = (lastChange - t0) / 1000;
  return {
    name: "import burst",
    unit: "s",
    value: round(s, 2),
    baseline: null,
    ratio: null,
    detail: { transcripts: TRANSCRIPTS, bytes, postedInS: round(posted, 2), tasksAndCompleted: last, peakMemoryMb: hub.memory.peakMb() },
  };
}
