// The Convex store at the scale convex-test holds: seeded through the Store port (ConvexStore over HTTP, answered by
// the real functions in convex-test via msw), then list, filter, search and complete-then-release p50/p95.

import { expect, test } from "vitest";
import { ConvexStore } from "../../src/integrations/store-convex";
import { seedRecords } from "../seed";
import type { Store, TaskFilter } from "../../src/ports/store";
import { CONVEX_URL, HUB_CONVEX_SECRET, useConvexBackend } from "../../test/contract/convex-backend";
import { percentile, round } from "../lib/stats.mjs";

const TASKS = Number(process.env.BENCH_CONVEX_TASKS ?? 10_000);
const SAMPLES = Number(process.env.BENCH_CONVEX_SAMPLES ?? 50);
const TRIES = Number(process.env.BENCH_CONVEX_TRIES ?? 5);
const DEPENDENTS = 100;
const WORDS = ["deploy", "parser", "login", "billing", "search", "webhook", "digest", "cache", "export", "migration", "timeout", "dashboard"];
const STATUSES = ["todo", "in_progress", "review", "completed"] as const;
const PRIORITIES = ["low", "medium", "high", "urgent"] as const;

useConvexBackend();

const pct = (xs: number[], p: number): number => round(percentile(xs, p));
const summary = (xs: number[]) => ({ p50: pct(xs, 50), p95: pct(xs, 95) });

async function timed(n: number, call: (i: number) => Promise<unknown>) {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call(i);
    xs.push(performance.now() - t0);
  }
  return summary(xs);
}

test(`Convex store at ${TASKS} tasks`, async () => {
  const store: Store = new ConvexStore(CONVEX_URL, HUB_CONVEX_SECRET);
  const at = new Date().toISOString();
  const people: string[] = [];
  for (let i = 0; i < 4; i++) people.push((await store.createUser({ email: `bench${i}@bench.test`, name: `Bench ${i}`, timezone: "UTC", digest: "off", digestHour: 8 }, at)).id);
  const t0 = performance.now();
  await store.importProject(seedRecords("BIG", TASKS, people, at), "token:bench", at);
  const seededSeconds = (performance.now() - t0) / 1000;

  const list = (f: Omit<TaskFilter, "projectKey">, cursor: string | null = null) => store.listTasks({ projectKey: "BIG", ...f }, 50, cursor);
  // Cursors through the list (Convex pages may come back short: a page reads at most MAX_SCAN documents).
  const cursors: (string | null)[] = [null];
  for (let c = (await list({})).nextCursor; c && cursors.length < 40; c = (await list({}, c)).nextCursor) cursors.push(c);
  const page = await timed(SAMPLES, (i) => list({}, cursors[i % cursors.length]));
  const filtered = await timed(SAMPLES, (i) => list({ status: [STATUSES[i % 4]], priority: PRIORITIES[Math.floor(i / 4) % 4] }));
  const open = await timed(SAMPLES, () => list({ status: ["todo", "in_progress", "review"] }));
  const assignee = await timed(SAMPLES, (i) => list({ assigneeId: people[i % people.length] }));
  const tagged = await timed(SAMPLES, (i) => list({ tag: WORDS[i % WORDS.length] }));
  const search = await timed(SAMPLES, (i) => list({ q: `${WORDS[i % WORDS.length]} task ${(i * 97) % TASKS}` }));
  const searchWord = await timed(SAMPLES, (i) => list({ q: WORDS[i % WORDS.length] }));
  // How many a one-task search finds on its first page: the scan bound can cut a page short, so say what came back.
  const found = (await list({ q: `${WORDS[(TASKS - 1) % WORDS.length]} task ${TASKS - 1}` })).items.length;

  // The store's half of a completion that frees 100 dependents: the status change, then releaseDependents (what
  // chase-dependencies runs); convex-test has no workflow engine, so the run's scheduling is not in this figure.
  const complete: number[] = [];
  for (let i = 0; i < TRIES; i++) {
    const blocker = await store.createTask({ projectKey: "BIG", title: `Unblock bench blocker ${i}` }, "token:bench", at);
    for (let k = 0; k < DEPENDENTS; k++) {
      const t = await store.createTask({ projectKey: "BIG", title: `Unblock bench dependent ${i}.${k}` }, "token:bench", at);
      await store.addDependency(t.key, blocker.key, "token:bench", at);
    }
    const s = performance.now();
    await store.updateTask(blocker.key, { status: "completed" }, "token:bench", new Date().toISOString());
    const released = await store.releaseDependents(blocker.id, "system", new Date().toISOString());
    complete.push(performance.now() - s);
    expect(released.unblocked).toHaveLength(DEPENDENTS);
  }

  const result = {
    tasks: TASKS,
    samples: SAMPLES,
    seeded: { seconds: Math.round(seededSeconds * 10) / 10 },
    lists: { page, filtered, open, assignee, tagged },
    search: { search, searchWord, oneTaskSearchFound: found },
    complete: { dependents: DEPENDENTS, tries: TRIES, ...summary(complete) },
  };
  console.log(`CONVEX_BENCH ${JSON.stringify(result)}`);
});
