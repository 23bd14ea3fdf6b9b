// Webhook ingest: autocannon (20 connections) posting signed pushes to the hub under `npm run dev` and to Probot,
// and to the same hub served by Miniflare directly, which shows how much of the gap is wrangler dev's and how much ours;
// then the hub against its own `GET /health`, and CPU per delivery from /proc against Probot's per request.

import autocannon from "autocannon";
import { fork } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { join } from "node:path";
import { settledCpuMs } from "./lib/cpu.mjs";
import { headers, largestPush, sha, sign } from "./lib/github.mjs";
import { freePort, root, startMiniflareHub } from "./lib/hub.mjs";
import { median, round } from "./lib/stats.mjs";

const CONNECTIONS = 20;

export async function startProbot(secret) {
  const port = await freePort();
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const child = fork(join(root, "bench/probot-server.mjs"), { env: { ...process.env, PORT: String(port), WEBHOOK_SECRET: secret, PROBOT_PRIVATE_KEY: privateKey }, stdio: "inherit" });
  await new Promise((resolve, reject) => (child.once("message", resolve), child.once("exit", reject)));
  return { base: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill("SIGTERM") };
}

/**
 * The push with a fresh `after` sha (same length, so the same bytes on the wire), signed, with a fresh
 * X-GitHub-Delivery: the hub dedupes by delivery id and by body hash, so a repeated body would measure duplicates.
 */
export function freshPush(secret, body) {
  const b = body.replace(/"after":"[0-9a-f]{40}"/, `"after":"${sha()}"`);
  return { body: b, headers: headers(secret, b) };
}

/** One autocannon run (by duration, or a fixed amount of requests), every request a fresh delivery. */
function cannon(url, secret, body, seconds, amount) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    ...(amount ? { amount } : { duration: seconds }),
    requests: [{ method: "POST", path: "/webhooks/github", setupRequest: (req) => ({ ...req, ...freshPush(secret, body) }) }],
  });
}

/** GET /health: the same proxy and middleware, no body, no signature, no D1 — the floor under the webhook route. */
const health = (url, seconds, amount) => autocannon({ url: `${url}/health`, connections: CONNECTIONS, ...(amount ? { amount } : { duration: seconds }) });

function summary(r) {
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
}

export async function benchWebhook(hub, { runs = 3, seconds = 10, warmup = 3, cpuDeliveries = 3_000 } = {}) {
  const body = largestPush();
  const probot = await startProbot(hub.webhookSecret);
  let direct;
  try {
    direct = await startMiniflareHub();
    // All three must accept the bytes before we count anything.
    for (const [base, secret] of [[hub.base, hub.webhookSecret], [direct.base, direct.webhookSecret], [probot.base, hub.webhookSecret]]) {
      const res = await fetch(`${base}/webhooks/github`, { method: "POST", headers: headers(secret, body), body });
      if (res.status >= 300) throw new Error(`${base} answered ${res.status}: ${await res.text()}`);
    }
    if (sign(hub.webhookSecret, body) !== headers(hub.webhookSecret, body)["x-hub-signature-256"]) throw new Error("unstable signature");
    const ours = [];
    const theirs = [];
    const bare = [];
    const floor = [];
    await cannon(hub.base, hub.webhookSecret, body, warmup);
    await cannon(direct.base, direct.webhookSecret, body, warmup);
    await cannon(probot.base, hub.webhookSecret, body, warmup);
    hub.memory.reset();
    // Interleaved, so a neighbour's load on this shared machine lands on all three alike.
    // Each run starts once both hubs are idle: with the queue, a run's deliveries are applied after their 202s,
    // and that backlog would otherwise land on whatever is measured next (on 2 cores, /health fell to a third).
    const quiet = () => Promise.all([settledCpuMs(hub.pid), settledCpuMs(direct.pid)]);
    for (let i = 0; i < runs; i++) {
      await quiet();
      ours.push(summary(await cannon(hub.base, hub.webhookSecret, body, seconds)));
      await quiet();
      bare.push(summary(await cannon(direct.base, direct.webhookSecret, body, seconds)));
      await quiet();
      theirs.push(summary(await cannon(probot.base, hub.webhookSecret, body, seconds)));
      floor.push(summary(await health(hub.base, seconds)));
    }
    await quiet();
    const peakMemoryMb = hub.memory.peakMb();
    const directHealth = summary(await health(direct.base, seconds));
    await direct.stop();
    direct = null;
    const cpu = { ours: [], probot: [], floor: [] };
    for (let i = 0; i < runs; i++) {
      cpu.ours.push(await cpuPerRequest(hub.pid, () => cannon(hub.base, hub.webhookSecret, body, 0, cpuDeliveries), cpuDeliveries));
      cpu.probot.push(await cpuPerRequest(probot.pid, () => cannon(probot.base, hub.webhookSecret, body, 0, cpuDeliveries), cpuDeliveries));
      cpu.floor.push(await cpuPerRequest(hub.pid, () => health(hub.base, 0, cpuDeliveries), cpuDeliveries));
    }
    return [
      figure({ body, runs, seconds, ours, theirs, bare, floor: { ours: floor[0], miniflare: directHealth }, peakMemoryMb }),
      floorFigure({ runs, seconds, ours, floor }),
      cpuFigure({ runs, deliveries: cpuDeliveries, cpu }),
    ];
  } finally {
    probot.stop();
    await direct?.stop();
  }
}

function figure({ body, runs, seconds, ours, theirs, bare, floor, peakMemoryMb }) {
  const pick = (xs, k) => round(median(xs.map((x) => x[k])));
  const sum = (xs, k) => xs.reduce((n, x) => n + x[k], 0);
  const side = (xs) => ({ rps: pick(xs, "rps"), p50: pick(xs, "p50"), p99: pick(xs, "p99"), non2xx: sum(xs, "non2xx"), errors: sum(xs, "errors") });
  const value = pick(ours, "rps");
  const base = pick(theirs, "rps");
  return {
    name: "webhook ingest",
    unit: "req/s",
    value,
    baseline: { name: "probot", value: base },
    ratio: round(value / base, 2),
    detail: {
      bytes: body.length,
      connections: CONNECTIONS,
      runs,
      seconds,
      ours: side(ours),
      probot: side(theirs),
      // The same Worker and state without wrangler dev's proxy: ours minus this is wrangler's share.
      miniflare: { ...side(bare), ratio: round(pick(bare, "rps") / base, 2) },
      health: { ours: round(floor.ours.rps), miniflare: round(floor.miniflare.rps) },
      peakMemoryMb,
    },
  };
}

/**
 * CPU ms per request of the process tree under pid: settled before, `n` requests (fresh signed pushes, or GET
 * /health) at 20 connections, settled after (the queue consumer applies after the 202, so its work counts).
 */
async function cpuPerRequest(pid, send, n) {
  const before = await settledCpuMs(pid);
  const r = await send();
  const after = await settledCpuMs(pid);
  if (r.non2xx || r.errors) throw new Error(`${r.url ?? pid}: ${r.non2xx} non-2xx, ${r.errors} errors in the CPU run`);
  return (after - before) / n;
}

/** Ours ÷ the same server's `GET /health`, each run's pair measured back to back under `npm run dev`. */
function floorFigure({ runs, seconds, ours, floor }) {
  const ratios = ours.map((o, i) => o.rps / floor[i].rps);
  return {
    name: "webhook ingest vs runtime floor",
    unit: "req/s",
    value: round(median(ours.map((x) => x.rps))),
    baseline: { name: "GET /health (npm run dev)", value: round(median(floor.map((x) => x.rps))) },
    ratio: round(median(ratios), 2),
    detail: { connections: CONNECTIONS, runs, seconds, ratios: ratios.map((r) => round(r, 2)), health: { p50: round(median(floor.map((x) => x.p50))), p99: round(median(floor.map((x) => x.p99))) }, goal: 0.8 },
  };
}

function cpuFigure({ runs, deliveries, cpu }) {
  const value = round(median(cpu.ours), 2);
  const probot = median(cpu.probot);
  const base = round(probot, 2);
  const above = median(cpu.ours.map((x, i) => x - cpu.floor[i])); // each run's pair measured back to back
  return {
    name: "webhook cpu per delivery",
    unit: "ms",
    value,
    baseline: { name: "probot", value: base },
    ratio: round(median(cpu.ours) / probot, 2),
    detail: {
      deliveries,
      connections: CONNECTIONS,
      runs,
      ours: cpu.ours.map((x) => round(x, 2)),
      probot: cpu.probot.map((x) => round(x, 2)),
      // The same count of GET /health on the same hub: what the runtime under `npm run dev` spends on a request that
      // does nothing. Ours above it is our code's share; the floor alone against Probot says whether the goal is reachable.
      floor: { perRun: cpu.floor.map((x) => round(x, 2)), median: round(median(cpu.floor), 2), vsProbot: round(median(cpu.floor) / probot, 2) },
      aboveFloor: { median: round(above, 2), vsProbot: round(above / probot, 2) },
      how: "utime+stime from /proc of the dev process and its descendants (Probot: its one process), settled before and after",
    },
  };
}
