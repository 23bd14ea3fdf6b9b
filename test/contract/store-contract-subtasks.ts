// The store contract for subtasks (#15): a parent in the same project, no cycles, parent and subtasks on the task, tracker intents.

import { describe, expect, it } from "vitest";
import type { TaskIntent } from "../../src/domain/extract/types";
import type { Kit } from "./store-contract-kit";
import { rejectsWith } from "./store-contract-kit";
import { nextAt, origin } from "./store-fixtures";

const tracker = (sessionId: string, externalKey: string, over: Partial<Extract<TaskIntent, { type: "upsert" }>> = {}): TaskIntent => ({
  type: "upsert", origin: origin(sessionId), externalKey, source: "task-tool", tags: [], matchByTitle: false, ...over,
});

export function subtasksContract({ store, project, task }: Kit) {
  describe("tasks from a tracker", () => {
    it("creates an imported task with the tracker's status, estimate and key, marked as imported", async () => {
      const p = await project();
      const t = await store().createTask(
        { projectKey: p.key, title: "Ported", estimatedHours: 1.5, imported: { tracker: "beads", externalKey: `${p.id}/beads:x-1`, status: "in_progress" } },
        "user:contract",
        nextAt(),
      );
      expect(t).toMatchObject({ status: "in_progress", estimatedHours: 1.5, externalKey: `${p.id}/beads:x-1`, source: { kind: "import", ref: "beads" } });
    });

    it("changes an estimate, and clears it with null", async () => {
      const p = await project();
      const t = await task(p.key, "Sized");
      expect((await store().updateTask(t.key, { estimatedHours: 3 }, "user:contract", nextAt())).task.estimatedHours).toBe(3);
      expect((await store().updateTask(t.key, { estimatedHours: null }, "user:contract", nextAt())).task.estimatedHours).toBeNull();
    });
  });

  describe("subtasks", () => {
    it("creates a subtask under its parent and shows both sides", async () => {
      const p = await project();
      const parent = await task(p.key, "Epic");
      const sub = await task(p.key, "Step", { parent: parent.key });
      expect(sub.parentId).toBe(parent.id);
      expect(await store().getTask(parent.key)).toMatchObject({ parent: null, subtasks: [sub.key] });
      expect(await store().getTask(sub.key)).toMatchObject({ parent: parent.key, subtasks: [] });
    });

    it("moves a task under a parent and detaches it with null", async () => {
      const p = await project();
      const [a, b] = [await task(p.key, "A"), await task(p.key, "B")];
      await store().updateTask(b.key, { parent: a.key }, "user:contract", nextAt());
      expect((await store().getTask(a.key))!.subtasks).toEqual([b.key]);
      await store().updateTask(b.key, { parent: null }, "user:contract", nextAt());
      expect(await store().getTask(b.key)).toMatchObject({ parentId: null, parent: null });
      expect((await store().getTask(a.key))!.subtasks).toEqual([]);
    });

    it("refuses a parent that would make a task its own ancestor, naming the loop, and changes nothing", async () => {
      const p = await project();
      const a = await task(p.key, "A");
      const b = await task(p.key, "B", { parent: a.key });
      const c = await task(p.key, "C", { parent: b.key });
      await rejectsWith(store().updateTask(a.key, { parent: c.key }, "user:contract", nextAt()), "cycle");
      await rejectsWith(store().updateTask(a.key, { parent: a.key }, "user:contract", nextAt()), "cycle");
      expect((await store().getTask(a.key))!.parent).toBeNull();
    });

    it("refuses a parent in another project or one that does not exist", async () => {
      const [p, q] = [await project(), await project()];
      const other = await task(q.key, "Elsewhere");
      await rejectsWith(task(p.key, "Here", { parent: other.key }), "invalid");
      await rejectsWith(task(p.key, "Here", { parent: `${p.key}-999` }), "invalid");
      expect((await store().listTasks({ projectKey: p.key }, 10, null)).items).toEqual([]);
    });

    it("does not complete the parent when its last open subtask completes", async () => {
      const p = await project();
      const parent = await task(p.key, "Epic");
      const sub = await task(p.key, "Only step", { parent: parent.key });
      await store().updateTask(sub.key, { status: "completed" }, "user:contract", nextAt());
      expect((await store().getTask(parent.key))!.status).toBe("todo");
    });

    it("keeps the subtasks of a deleted parent as top-level tasks", async () => {
      const p = await project();
      const parent = await task(p.key, "Epic");
      const sub = await task(p.key, "Step", { parent: parent.key });
      await store().deleteTask(parent.key, "user:contract", nextAt());
      expect(await store().getTask(sub.key)).toMatchObject({ parentId: null, parent: null });
    });

    it("exports and imports a subtask under its parent", async () => {
      const p = await project();
      const parent = await task(p.key, "Epic");
      await task(p.key, "Step", { parent: parent.key });
      const records = await store().exportProject(p.key);
      const { rekey } = await import("../../src/domain/export");
      const copy = `${p.key.slice(0, 8)}C`;
      await store().importProject(rekey(records, copy), "user:contract", nextAt());
      expect(await store().getTask(`${copy}-1`)).toMatchObject({ subtasks: [`${copy}-2`] });
    });
  });

  describe("tracker intents", () => {
    it("reopens a completed tracker task when the tracker says so (bd reopen)", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const key = `beads:${s}`;
      const batch = { sessionId: s, projectId: p.id, cwd: null, gitBranch: null };
      await store().applyIntents({ ...batch, intents: [tracker(s, key, { title: "Fix it", status: "completed" })] }, nextAt());
      const [change] = await store().applyIntents({ ...batch, intents: [tracker(s, key, { status: "todo" })] }, nextAt());
      expect([change.from?.status, change.task.status, change.task.completedAt]).toEqual(["completed", "todo", null]);
    });

    it("sets the parent a later intent names for an existing task, in the same project only", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const batch = { sessionId: s, projectId: p.id, cwd: null, gitBranch: null };
      await store().applyIntents({ ...batch, intents: [tracker(s, `beads:${s}`, { title: "Epic" }), tracker(s, `beads:${s}.3`, { title: "Step" })] }, nextAt());
      await store().applyIntents({ ...batch, intents: [tracker(s, `beads:${s}.3`, { parentExternalKey: `beads:${s}` })] }, nextAt());
      expect(await store().getTask(`${p.key}-1`)).toMatchObject({ subtasks: [`${p.key}-2`] });
      // Said again, it changes nothing.
      expect(await store().applyIntents({ ...batch, intents: [tracker(s, `beads:${s}.3`, { parentExternalKey: `beads:${s}` })] }, nextAt())).toEqual([]);
    });

    it("creates a subtask under the parent its intent names", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const batch = { sessionId: s, projectId: p.id, cwd: null, gitBranch: null };
      await store().applyIntents(
        { ...batch, intents: [tracker(s, `beads:${s}`, { title: "Epic" }), tracker(s, `beads:${s}.1`, { title: "Step", parentExternalKey: `beads:${s}` })] },
        nextAt(),
      );
      expect(await store().getTask(`${p.key}-2`)).toMatchObject({ parent: `${p.key}-1` });
    });
  });
}
