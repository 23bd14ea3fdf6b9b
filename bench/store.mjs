// The store at scale: 100,000 tasks in one project, seeded through the Store port; list, filter and search p95.

import { ensureProject } from "./e2e.mjs";
import { percentile, round } from "./lib/stats.mjs";

const TASKS = 100_000;
// Each createTask is three D1 calls; a request stays well under workerd's per-request subrequest limit.
const CHUNK = 100;
const SAMPLES = 100;

export async function seed(hub, tasks, log = () => {}) {
  await ensureProject(hub, { key: "BIG", name: "At scale", repos: [], paths: ["/bench/big"] });
  hub.memory.reset();
  const t0 = performance.now();
  for (let from = 0; from < tasks; from += CHUNK) {
    await hub.api("POST", "/bench/seed", { project: "BIG", from, count: Math.min(CHUNK, tasks - from) });
    if ((from / CHUNK) % 100 === 99) log(`  seeded ${from + CHUNK} tasks in ${round((performance.now() - t0) / 1000)} s`);
  }
  return { seconds: round((performance.now() - t0) / 1000), peakMemoryMb: hub.memory.peakMb() };
}

/** p50/p95 in ms of GET path over SAMPLES calls, as a client sees them. */
async function latency(hub, paths) {
  const xs = [];
  for (let i = 0; i < SAMPLES; i++) {
    const path = paths(i);
    const t0 = performance.now();
    await hub.api("GET", path);
    xs.push(performance.now() - t0);
  }
  return { p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)) };
}

const WORDS = ["deploy", "parser", "login", "billing", "search", "webhook", "digest", "cache", "export", "migration", "timeout", "dashboard"];

export async function benchStore(hub, { tasks = TASKS, log } = {}) {
  const seeded = await seed(hub, tasks, log);
  // A page deep in the list: the cursor of page 1, then walk on.
  const first = await hub.api("GET", "/api/tasks?project=BIG&limit=50");
  const cursors = [null];
  let cursor = first.nextCursor;
  for (let i = 0; i < 20 && cursor; i++) (cursors.push(cursor), (cursor = (await hub.api("GET", `/api/tasks?project=BIG&limit=50&cursor=${encodeURIComponent(cursor)}`)).nextCursor));
  const page = await latency(hub, (i) => `/api/tasks?project=BIG&limit=50${cursors[i % cursors.length] ? `&cursor=${encodeURIComponent(cursors[i % cursors.length])}` : ""}`);
  const filtered = await latency(hub, (i) => `/api/tasks?project=BIG&limit=50&priority=${["low", "medium", "high", "urgent"][i % 4]}&status=todo`);
  const tagged = await latency(hub, (i) => `/api/tasks?project=BIG&limit=50&tag=${WORDS[i % WORDS.length]}`);
  const search = await latency(hub, (i) => `/api/tasks?project=BIG&limit=50&q=${encodeURIComponent(`${WORDS[i % WORDS.length]} task ${(i * 997) % tasks}`)}`);
  const listP95 = Math.max(page.p95, filtered.p95, tagged.p95);
  return [
    { name: "store list p95", unit: "ms", value: listP95, baseline: { name: "goal", value: 50 }, ratio: round(listP95 / 50, 2), detail: { tasks, samples: SAMPLES, page, filtered, tagged, seeded } },
    { name: "store search p95", unit: "ms", value: search.p95, baseline: { name: "goal", value: 50 }, ratio: round(search.p95 / 50, 2), detail: { tasks, samples: SAMPLES, search } },
  ];
}
