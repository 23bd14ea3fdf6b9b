// The one mapping both stores export a project's rows with: what they write is what an import reads back.
import { expect, it } from "vitest";
import { activityRecord, planImport, projectRecord, rekey, taskRecord, vExportRecord } from "../../src/domain/export";
import type { Task } from "../../src/domain/tasks";

const task: Task = {
  id: "t1", projectId: "p1", projectKey: "HUB", number: 3, key: "HUB-3", title: "Fix the leak", description: null, status: "review", priority: "high",
  assigneeId: "u1", creatorId: "user:u1", dueAt: "2026-12-02T00:00:00.000Z", tags: ["mem"], estimatedHours: null, source: { kind: "todowrite", ref: "s1" },
  externalKey: "s1:k1", parentId: null, createdAt: "2026-12-01T00:00:00.000Z", updatedAt: "2026-12-01T01:00:00.000Z", completedAt: null, version: 4,
};

it("exports a task without its store's ids and version, as the import schema reads it", () => {
  const r = taskRecord(task, () => undefined);
  expect(r).not.toHaveProperty("id");
  expect(r).not.toHaveProperty("version");
  expect(vExportRecord.parse(r)).toEqual(r);
});

it("exports a subtask's parent by key, and refuses a file whose parent is not among its tasks", () => {
  const sub = { ...task, id: "t2", number: 4, key: "HUB-4", parentId: "t1", externalKey: null };
  const r = taskRecord(sub, (id) => (id === "t1" ? "HUB-3" : undefined));
  expect(r.parent).toBe("HUB-3");
  const project = { type: "project" as const, key: "HUB", name: "Hub", description: null, status: "active" as const, repos: [], paths: [], settings: {}, createdAt: "2026-12-01T00:00:00.000Z" };
  expect(planImport([project, taskRecord(task, () => undefined), r]).tasks[1].parent).toBe("HUB-3");
  expect(() => planImport([project, r])).toThrow(/unknown parent HUB-3/);
  expect(rekey([project, r], "NEW")[1]).toMatchObject({ key: "NEW-4", parent: "NEW-3" });
});

it("exports a project's settings and paths as the import schema reads them", () => {
  const r = projectRecord({
    id: "p1", key: "HUB", name: "Hub", description: null, status: "active", repos: ["acme/hub"], paths: ["/src/hub"], settings: { mirrorIssues: true },
    createdAt: "2026-12-01T00:00:00.000Z", updatedAt: "2026-12-01T00:00:00.000Z",
  });
  expect(vExportRecord.parse(r)).toEqual(r);
});

it("points an activity row at its task by key, or at none when the task is gone", () => {
  const a = { id: 9, at: "2026-12-01T00:00:00.000Z", actor: "system", action: "deleted" as const, taskId: "t1", taskKey: null, projectId: "p1", data: { key: "HUB-3" } };
  expect(activityRecord(a, null)).toEqual({ type: "activity", task: null, at: a.at, actor: "system", action: "deleted", data: { key: "HUB-3" } });
  expect(activityRecord(a, "HUB-3").task).toBe("HUB-3");
});
