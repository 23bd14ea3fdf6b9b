// p99 at a paced load: signed pushes sent open-loop at a fixed rate against the hub under `npm run dev`, and its GET /health at the same rate.
// Open loop: each request leaves at its scheduled time whether or not earlier ones have answered, and its latency
// counts from that scheduled time, so a stall shows in the tail instead of slowing the sender down.

import { settledCpuMs } from "./lib/cpu.mjs";
import { largestPush } from "./lib/github.mjs";
import { percentile, round, sleep } from "./lib/stats.mjs";
import { freshPush } from "./webhook.mjs";

/**
 * A signed push with a fresh body, to the webhook or (`path`) to a path with no route, answered 404: what carrying
 * its 7.7 KB through the runtime costs. Signed when the list is built, before the clock starts.
 */
const push = (hub, template, path = "/webhooks/github") => () => {
  const s = freshPush(hub.webhookSecret, template);
  return () => fetch(`${hub.base}${path}`, { method: "POST", headers: s.headers, body: s.body });
};
/** The same server's `GET /health`: the runtime's floor at the same pace. */
const health = (hub) => () => () => fetch(`${hub.base}/health`);

export async function benchPaced(hub, { rate = 200, seconds = 10, warmupSeconds = 2, runs = 3 } = {}) {
  const template = largestPush();
  async function run(secs, request = push(hub, template)) {
    const n = rate * secs;
    const sends = Array.from({ length: n }, request); // signed before the clock starts
    const latencies = [];
    const statuses = new Map();
    const pending = [];
    let firstRefused = null; // what the first answer other than 2xx said, to tell whose it is (ours or wrangler's proxy)
    const t0 = performance.now() + 50;
    for (let i = 0; i < n; i++) {
      const at = t0 + (i * 1000) / rate;
      const wait = at - performance.now();
      if (wait > 1) await sleep(wait - 1);
      while (performance.now() < at); // the last millisecond spun, for an even pace
      pending.push(
        sends[i]()
          .then(async (res) => {
            const text = await res.text();
            if (res.status >= 300 && !firstRefused) firstRefused = `${res.status} ${res.headers.get("server") ?? ""} ${text.slice(0, 200)}`;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          })
          .catch(() => statuses.set("error", (statuses.get("error") ?? 0) + 1))
          .finally(() => latencies.push(performance.now() - at)),
      );
    }
    const sent = performance.now() - t0;
    await Promise.all(pending);
    return { latencies, statuses: Object.fromEntries(statuses), achievedRate: round(n / (sent / 1000)), firstRefused };
  }
  await run(warmupSeconds);
  // Several rounds, each from an idle hub (the previous round's deliveries applied): one round's p99 has been seen
  // anywhere from 144 to 1,271 ms on this machine, so the figure is the median round's.
  // Each round is followed by the same pace of GET /health on the same idle hub: what the runtime under `npm run dev`
  // answers a request that does nothing in, so the figure shows how much of the tail is ours.
  // The same push to a path with no route is the floor for a request of that size.
  const rounds = [];
  const floor = [];
  const carried = [];
  for (let i = 0; i < runs; i++) {
    await settledCpuMs(hub.pid);
    rounds.push(summary(await run(seconds)));
    await settledCpuMs(hub.pid);
    floor.push(summary(await run(seconds, health(hub))));
    carried.push(summary(await run(seconds, push(hub, template, "/webhooks/nowhere"))));
  }
  const mid = medianRound(rounds);
  const floorOf = (xs) => ({ p50: medianRound(xs).p50, p99: medianRound(xs).p99, rounds: xs });
  return {
    name: `p99 at ${rate} deliveries/s`,
    unit: "ms",
    value: mid.p99,
    baseline: { name: "goal", value: 25 },
    ratio: round(mid.p99 / 25, 2),
    detail: { rate, seconds, runs, deliveries: rate * seconds, ...mid, rounds, floor: floorOf(floor), unrouted: floorOf(carried) },
  };
}

function summary(r) {
  const l = r.latencies;
  // Answers other than 2xx stay in the figure (their latency counts too) and are named in its detail, not hidden (the
  // unrouted floor answers 404 to all).
  const refused = Object.entries(r.statuses).filter(([k]) => !(Number(k) >= 200 && Number(k) < 300)).reduce((n, [, v]) => n + v, 0);
  return { p50: round(percentile(l, 50)), p90: round(percentile(l, 90)), p99: round(percentile(l, 99)), max: round(Math.max(...l)), achievedRate: r.achievedRate, statuses: r.statuses, refused, firstRefused: r.firstRefused };
}

const medianRound = (rounds) => [...rounds].sort((a, b) => a.p99 - b.p99)[Math.floor(rounds.length / 2)];
