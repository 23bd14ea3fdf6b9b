// A text search on Convex shows its matches on the first page, however many tasks that do not match come before them.
import { expect, it } from "vitest";
import type { ExportRecord } from "../../src/domain/export";
import { ConvexStore } from "../../src/integrations/store-convex";
import { CONVEX_URL, HUB_CONVEX_SECRET, useConvexBackend } from "../contract/convex-backend";

useConvexBackend();

const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
const task = (n: number, title: string): ExportRecord => ({
  type: "task", key: `HUB-${n}`, title, description: null, status: "todo", priority: "medium", assigneeId: null, creatorId: null, dueAt: null,
  tags: [], estimatedHours: null, source: { kind: "manual" }, externalKey: null, createdAt: at(n), updatedAt: at(n), completedAt: null,
});

it("finds the one matching task behind 2,500 that do not match, on the first page and with no cursor", async () => {
  const store = new ConvexStore(CONVEX_URL, HUB_CONVEX_SECRET);
  const records: ExportRecord[] = [
    { type: "project", key: "HUB", name: "Hub", description: null, status: "active", repos: [], paths: [], settings: {}, createdAt: at(0) },
    ...Array.from({ length: 2500 }, (_, i) => task(i + 1, `Routine chore ${i + 1}`)),
    task(2501, "Fix the memory leak"),
  ];
  await store.importProject(records, "user:test", at(3000));
  const page = await store.listTasks({ projectKey: "HUB", q: "leak" }, 20, null);
  expect(page.items.map((t) => t.key)).toEqual(["HUB-2501"]);
  expect(page.nextCursor).toBeNull();
});

it("pages through matches in list order, each page full until the last", async () => {
  const store = new ConvexStore(CONVEX_URL, HUB_CONVEX_SECRET);
  await store.createProject({ key: "PG", name: "Pages", repos: [], paths: [], at: at(0) });
  const made: string[] = [];
  for (let i = 0; i < 5; i++) {
    await store.createTask({ projectKey: "PG", title: `unrelated ${i}` }, "user:test", at(2 * i));
    made.push((await store.createTask({ projectKey: "PG", title: `leak ${i}` }, "user:test", at(2 * i + 1))).key);
  }
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<ConvexStore["listTasks"]>> = await store.listTasks({ projectKey: "PG", q: "leak" }, 2, cursor);
    seen.push(...page.items.map((t) => t.key));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  expect(seen).toEqual(made);
  expect(pages).toBe(3);
});
