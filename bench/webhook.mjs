// Webhook ingest: autocannon (20 connections) posting the same signed push to the hub under `npm run dev` and to Probot.

import autocannon from "autocannon";
import { fork } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { join } from "node:path";
import { headers, largestPush, sign } from "./lib/github.mjs";
import { freePort, root } from "./lib/hub.mjs";
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

function summary(r) {
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
}

export async function benchWebhook(hub, { runs = 3, seconds = 10, warmup = 3 } = {}) {
  const body = largestPush();
  const probot = await startProbot(hub.webhookSecret);
  // Both must accept the bytes before we count anything.
  for (const base of [hub.base, probot.base]) {
    const res = await fetch(`${base}/webhooks/github`, { method: "POST", headers: headers(hub.webhookSecret, body), body });
    if (res.status >= 300) throw new Error(`${base} answered ${res.status}: ${await res.text()}`);
  }
  if (sign(hub.webhookSecret, body) !== headers(hub.webhookSecret, body)["x-hub-signature-256"]) throw new Error("unstable signature");
  const ours = [];
  const theirs = [];
  try {
    await cannon(hub.base, hub.webhookSecret, body, warmup);
    await cannon(probot.base, hub.webhookSecret, body, warmup);
    hub.memory.reset();
    for (let i = 0; i < runs; i++) {
      ours.push(summary(await cannon(hub.base, hub.webhookSecret, body, seconds)));
      theirs.push(summary(await cannon(probot.base, hub.webhookSecret, body, seconds)));
    }
  } finally {
    probot.stop();
  }
  const pick = (xs, k) => round(median(xs.map((x) => x[k])));
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
      ours: { p50: pick(ours, "p50"), p99: pick(ours, "p99"), non2xx: ours.reduce((n, x) => n + x.non2xx, 0), errors: ours.reduce((n, x) => n + x.errors, 0) },
      probot: { p50: pick(theirs, "p50"), p99: pick(theirs, "p99"), non2xx: theirs.reduce((n, x) => n + x.non2xx, 0), errors: theirs.reduce((n, x) => n + x.errors, 0) },
      peakMemoryMb: hub.memory.peakMb(),
    },
  };
}
