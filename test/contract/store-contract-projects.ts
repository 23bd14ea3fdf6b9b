// The store contract for projects (#7): settings, the dependency graph, export and import, report data, and reading only some projects.

import { describe, expect, it } from "vitest";
import { ImportError, rekey } from "../../src/domain/export";
import type { Kit } from "./store-contract-kit";
import { rejectsWith } from "./store-contract-kit";
import { freshKey, nextAt } from "./store-fixtures";

export function projectsContract({ store, project, task }: Kit) {
  describe("project settings", () => {
    it("updates a project's fields, keeps repos in lower case, and finds it by its new repository only", async () => {
      const [before, after] = [`acme/${crypto.randomUUID()}`, `Acme/${crypto.randomUUID()}`];
      const p = await project({ repos: [before] });
      const at = nextAt();
      const q = await store().updateProject(p.key, { name: "Renamed", repos: [after], settings: { mirrorIssues: true } }, at);
      expect(q).toMatchObject({ id: p.id, name: "Renamed", repos: [after.toLowerCase()], settings: { mirrorIssues: true }, updatedAt: at });
      expect((await store().projectsForRepo(after)).map((x) => x.id)).toEqual([p.id]);
      expect(await store().projectsForRepo(before)).toEqual([]);
    });

    it("refuses to update a project that does not exist as not found", async () => {
      await rejectsWith(store().updateProject(freshKey("Z"), { name: "x" }, nextAt()), "not_found");
    });
  });

  describe("project graph", () => {
    it("holds a project's tasks, blockers from other projects, and the edges that start in the project", async () => {
      const [p, other] = [await project(), await project()];
      const [a, b] = [await task(p.key, "A"), await task(p.key, "B")];
      const x = await task(other.key, "X");
      await store().addDependency(a.key, b.key, "user:contract", nextAt());
      await store().addDependency(b.key, x.key, "user:contract", nextAt());
      const g = await store().projectGraph(p.key);
      expect(g.tasks.map((t) => t.key).sort()).toEqual([a.key, b.key, x.key].sort());
      expect(g.edges.map((e) => [e.taskId, e.dependsOnId]).sort()).toEqual([[a.id, b.id], [b.id, x.id]].sort());
    });

    it("is empty for a project key it does not hold", async () => {
      expect(await store().projectGraph(freshKey("Z"))).toEqual({ tasks: [], edges: [] });
    });
  });

  describe("export and import", () => {
    it("exports a project and imports it under another key with its tasks, dependencies, comments and time", async () => {
      const p = await project();
      const [a, b] = [await task(p.key, "A", { tags: ["x"] }), await task(p.key, "B")];
      await store().addDependency(a.key, b.key, "user:contract", nextAt());
      await store().addComment(a.key, "note", "user:contract", nextAt());
      await store().addTimeEntry(b.key, { minutes: 15, userId: null, source: "manual", ref: null }, "user:contract", nextAt());
      const records = await store().exportProject(p.key);
      expect(records.map((r) => r.type)).toEqual(["project", "task", "task", "dependency", "comment", "time", "activity", "activity", "activity", "activity", "activity"]);
      const key = freshKey("C");
      const out = await store().importProject(rekey(records, key), "admin", nextAt());
      expect(out).toEqual({ project: key, counts: { tasks: 2, dependency: 1, comment: 1, time: 1, activity: 5 } });
      expect(await store().getTask(`${key}-1`)).toMatchObject({ title: "A", tags: ["x"], dependsOn: [`${key}-2`] });
      expect((await store().taskRecords(`${key}-1`))!.comments.map((c) => c.body)).toEqual(["note"]);
    });

    it("refuses to import into a project that has tasks as a conflict", async () => {
      const p = await project();
      await task(p.key);
      await rejectsWith(store().importProject(await store().exportProject(p.key), "admin", nextAt()), "conflict");
    });

    it("refuses records that point at a task the file does not hold, naming the problem", async () => {
      const key = freshKey("C");
      const records = [
        { type: "project" as const, key, name: "n", description: null, status: "active" as const, repos: [], paths: [], settings: {}, createdAt: nextAt() },
        { type: "comment" as const, task: `${key}-3`, author: "a", body: "b", createdAt: nextAt() },
      ];
      const e = await store().importProject(records, "admin", nextAt()).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(ImportError);
      expect(await store().getProject(key)).toBeNull();
    });

    it("refuses to export a project that does not exist as not found", async () => {
      await rejectsWith(store().exportProject(freshKey("Z")), "not_found");
    });
  });

  describe("report data", () => {
    it("counts the completions and logged time since a date, and none from before it", async () => {
      const p = await project();
      const since = nextAt();
      const t = await task(p.key, "Reported");
      await store().addTimeEntry(t.key, { minutes: 45, userId: "u1", source: "manual", ref: null }, "user:contract", nextAt());
      const doneAt = nextAt();
      await store().updateTask(t.key, { status: "completed" }, "user:contract", doneAt);
      const data = await store().reportData(since);
      expect(data.completed.filter((c) => c.projectKey === p.key)).toEqual([{ projectKey: p.key, createdAt: t.createdAt, completedAt: doneAt }]);
      expect(data.time.filter((x) => x.taskKey === t.key)).toEqual([{ taskKey: t.key, title: "Reported", userId: "u1", minutes: 45, at: expect.any(String) }]);
      const later = await store().reportData(nextAt());
      expect(later.completed.filter((c) => c.projectKey === p.key)).toEqual([]);
    });

    it("lists every task with an estimate and all the time ever logged on it, whatever the date", async () => {
      const p = await project();
      const t = await task(p.key, "Sized");
      await task(p.key, "Unsized");
      await store().updateTask(t.key, { estimatedHours: 2 }, "user:contract", nextAt());
      for (const minutes of [30, 45]) await store().addTimeEntry(t.key, { minutes, userId: null, source: "manual", ref: null }, "user:contract", nextAt());
      const data = await store().reportData(nextAt());
      expect(data.estimates.filter((e) => e.projectKey === p.key)).toEqual([
        { taskKey: t.key, title: "Sized", projectKey: p.key, assigneeId: null, completedAt: null, estimatedHours: 2, minutes: 75 },
      ]);
    });
  });

  describe("reading some projects", () => {
    it("lists only the tasks of the projects a reader may see", async () => {
      const [p, q] = [await project(), await project()];
      const [a] = [await task(p.key), await task(q.key)];
      const page = await store().listTasks({ projectIds: [p.id] }, 1000, null);
      expect(page.items.map((t) => t.projectId)).toEqual(page.items.map(() => p.id));
      expect(page.items.map((t) => t.key)).toContain(a.key);
      expect((await store().listTasks({ projectIds: [] }, 10, null)).items).toEqual([]);
    });
  });
}
