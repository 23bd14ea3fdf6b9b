// End to end on the embedded default: a transcript slice posted → its tasks in the API; a push → its task completed.

import { headers, pushTo } from "./lib/github.mjs";
import { percentile, round, until } from "./lib/stats.mjs";
import { todoSlice } from "./lib/transcripts.mjs";

export const PROJECT = { key: "BEN", name: "Bench", repos: ["bench/hub"], paths: ["/bench/hub"] };

export async function ensureProject(hub, p = PROJECT) {
  const exists = await fetch(`${hub.base}/api/projects/${p.key}`, { headers: { authorization: `Bearer ${hub.adminToken}` } });
  if (exists.status === 404) await hub.api("POST", "/api/projects", p);
}

async function transcriptTry(hub, i) {
  const tag = `e2e~${i}~`;
  const slice = todoSlice({ cwd: "/bench/hub", tag });
  const t0 = performance.now();
  await hub.api("POST", "/transcripts", slice.body);
  await until(async () => (await hub.api("GET", `/api/tasks?project=BEN&q=${encodeURIComponent(tag)}&limit=50`)).tasks.length >= slice.tasks);
  return performance.now() - t0;
}

async function pushTry(hub, i) {
  const task = await hub.api("POST", "/api/tasks", { project: "BEN", title: `push target ${i}` });
  const body = pushTo("bench/hub", [`Fixes ${task.key}`]);
  const t0 = performance.now();
  const res = await fetch(`${hub.base}/webhooks/github`, { method: "POST", headers: headers(hub.webhookSecret, body), body });
  if (res.status !== 202) throw new Error(`push answered ${res.status}`);
  await until(async () => (await hub.api("GET", `/api/tasks/${task.key}`)).status === "completed");
  return performance.now() - t0;
}

export async function benchE2e(hub, { tries = 50 } = {}) {
  await ensureProject(hub);
  const transcript = [];
  const push = [];
  for (let i = 0; i < tries; i++) {
    transcript.push(await transcriptTry(hub, i));
    push.push(await pushTry(hub, i));
  }
  const p = (xs, q) => round(percentile(xs, q));
  const all = [...transcript, ...push];
  return {
    name: "end to end p95",
    unit: "ms",
    value: p(all, 95),
    baseline: { name: "goal", value: 1000 },
    ratio: round(p(all, 95) / 1000, 2),
    detail: { tries, transcript: { p50: p(transcript, 50), p95: p(transcript, 95) }, push: { p50: p(push, 50), p95: p(push, 95) } },
  };
}
