// Tasks written before the search field existed become searchable once the backfill has run over the deployment.
import { expect, it, vi } from "vitest";
import { internal } from "../../convex/_generated/api";
import type { ExportRecord } from "../../src/domain/export";
import { ConvexStore } from "../../src/integrations/store-convex";
import { CONVEX_URL, HUB_CONVEX_SECRET, useConvexBackend } from "../contract/convex-backend";

const backend = useConvexBackend();

const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
const task = (n: number, title: string, description: string | null = null): ExportRecord => ({
  type: "task", key: `OLD-${n}`, title, description, status: "todo", priority: "medium", assigneeId: null, creatorId: null, dueAt: null,
  tags: [], estimatedHours: null, source: { kind: "manual" }, externalKey: null, createdAt: at(n), updatedAt: at(n), completedAt: null,
});

/** A deployment as it was before the field: 450 tasks (three batches), none with searchText. */
async function oldDeployment(store: ConvexStore) {
  await store.importProject(
    [
      { type: "project", key: "OLD", name: "Old", description: null, status: "active", repos: [], paths: [], settings: {}, createdAt: at(0) },
      task(1, "Fix the memory leak"),
      ...Array.from({ length: 448 }, (_, i) => task(i + 2, `Routine chore ${i + 2}`)),
      task(450, "Rotate keys", "The webhook secret leaked into a log"),
    ],
    "user:test",
    at(500),
  );
  await backend.t.run(async (ctx) => {
    for (const t of await ctx.db.query("tasks").collect()) await ctx.db.patch(t._id, { searchText: undefined });
  });
}

const withoutSearchText = () => backend.t.run(async (ctx) => (await ctx.db.query("tasks").collect()).filter((t) => t.searchText === undefined).length);

it("makes every task written before the search field findable, the first batch's and the last's", async () => {
  const store = new ConvexStore(CONVEX_URL, HUB_CONVEX_SECRET);
  await oldDeployment(store);
  // (Searching now cannot show the gap here: convex-test's search index throws on a row without the field, where Convex skips it.)
  expect(await withoutSearchText()).toBe(450);
  // Each batch schedules the next: fake timers let convex-test run the chain to its end (the HTTP client needs real ones).
  vi.useFakeTimers();
  try {
    await backend.t.mutation(internal.backfills.backfillSearchText, {});
    await backend.t.finishAllScheduledFunctions(vi.runAllTimers);
  } finally {
    vi.useRealTimers();
  }
  expect(await withoutSearchText()).toBe(0);
  const found = await store.listTasks({ projectKey: "OLD", q: "leak" }, 20, null);
  expect(found.items.map((t) => t.key).sort()).toEqual(["OLD-1", "OLD-450"]);
});

it("leaves a task that has its search text as it is, and says when the last batch is done", async () => {
  const store = new ConvexStore(CONVEX_URL, HUB_CONVEX_SECRET);
  await store.createProject({ key: "NEW", name: "New", repos: [], paths: [], at: at(0) });
  const made = await store.createTask({ projectKey: "NEW", title: "Already searchable" }, "user:test", at(1));
  const before = await backend.t.run((ctx) => ctx.db.query("tasks").collect());
  expect(await backend.t.mutation(internal.backfills.backfillSearchText, {})).toEqual({ updated: 0, done: true });
  const after = await backend.t.run((ctx) => ctx.db.query("tasks").collect());
  expect(after).toEqual(before);
  expect((await store.listTasks({ projectKey: "NEW", q: "searchable" }, 20, null)).items.map((t) => t.key)).toEqual([made.key]);
});
