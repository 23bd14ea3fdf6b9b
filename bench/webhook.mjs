// Webhook ingest: autocannon (20 connections) posting the same signed push to the hub under `npm run dev` and to Probot,
// and to the same hub served by Miniflare directly, which shows how much of the gap is wrangler dev's and how much ours.

import autocannon from "autocannon";
import { fork } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { join } from "node:path";
import { headers, largestPush, sign } from "./lib/github.mjs";
import { freePort, root, startMiniflareHub } from "./lib/hub.mjs";
import { median, round } from "./lib/stats.mjs";

const CONNECTIONS = 20;

export async function startProbot(secret) {
  const port = await freePort();
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const child = fork(join(root, "bench/probot-server.mjs"), { env: { ...process.env, PORT: String(port), WEBHOOK_SECRET: secret, PROBOT_PRIVATE_KEY: privateKey }, stdio: "inherit" });
  await new Promise((resolve, reject) => (child.once("message", resolve), child.once("exit", reject)));
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

/**
 * One autocannon run. Every request carries a fresh X-GitHub-Delivery (setupRequest), so the hub records
 * and emits each one instead of answering "duplicate".
 */
function cannon(url, secret, body, seconds) {
  const fixed = headers(secret, body);
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: "POST", path: "/webhooks/github", body, setupRequest: (req) => ({ ...req, headers: { ...fixed, "x-github-delivery": crypto.randomUUID() } }) }],
  });
}

/** GET /health: the same proxy and middleware, no body, no signature, no D1 — the floor under the webhook route. */
const health = (url, seconds) => autocannon({ url: `${url}/health`, connections: CONNECTIONS, duration: seconds });

function summary(r) {
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
}

export async function benchWebhook(hub, { runs = 3, seconds = 10, warmup = 3 } = {}) {
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
    await cannon(hub.base, hub.webhookSecret, body, warmup);
    await cannon(direct.base, direct.webhookSecret, body, warmup);
    await cannon(probot.base, hub.webhookSecret, body, warmup);
    hub.memory.reset();
    // Interleaved, so a neighbour's load on this shared machine lands on all three alike.
    for (let i = 0; i < runs; i++) {
      ours.push(summary(await cannon(hub.base, hub.webhookSecret, body, seconds)));
      bare.push(summary(await cannon(direct.base, direct.webhookSecret, body, seconds)));
      theirs.push(summary(await cannon(probot.base, hub.webhookSecret, body, seconds)));
    }
    const peakMemoryMb = hub.memory.peakMb();
    const floor = { ours: summary(await health(hub.base, seconds)), miniflare: summary(await health(direct.base, seconds)) };
    return figure({ body, runs, seconds, ours, theirs, bare, floor, peakMemoryMb });
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
