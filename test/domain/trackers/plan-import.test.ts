// Deciding a tracker import against the project: create, update with the differing fields, or unchanged; edges by external key.
import { describe, expect, it } from "vitest";
import { fromBeads } from "../../../src/domain/trackers/beads";
import type { TrackerTask } from "../../../src/domain/trackers/model";
import { planTrackerImport, trackedFields, trackerImportSummary, type TrackedTask } from "../../../src/domain/trackers/plan-import";
import { BEADS_FIXTURES, fixture } from "./fixtures";

const nobody = () => null;
/** The project as a first import would have left it. */
function imported(tasks: TrackerTask[]): Map<string, TrackedTask> {
  return new Map(tasks.map((t, i) => [t.externalKey, { id: `t${i}`, externalKey: t.externalKey, ...trackedFields(t, null) }]));
}

describe("planTrackerImport on a real beads file", () => {
  const { tasks } = fromBeads(fixture(BEADS_FIXTURES[0]));

  it("creates every task of a first import", () => {
    const plan = planTrackerImport(tasks, new Map(), nobody);
    expect(trackerImportSummary(plan)).toEqual({ tasks: tasks.length, created: tasks.length, updated: 0, unchanged: 0 });
  });

  it("finds every task unchanged when the same file is imported again", () => {
    const plan = planTrackerImport(tasks, imported(tasks), nobody);
    expect(trackerImportSummary(plan)).toMatchObject({ created: 0, updated: 0, unchanged: tasks.length });
  });

  it("updates only the task edited in the tracker since, with the fields that differ", () => {
    const edited = tasks.map((t, i) => (i === 0 ? { ...t, status: t.status === "completed" ? ("todo" as const) : ("completed" as const), title: "Renamed" } : t));
    const plan = planTrackerImport(edited, imported(tasks), nobody);
    const updates = plan.decisions.filter((d) => d.op === "update");
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ externalKey: tasks[0].externalKey, taskId: "t0", fields: { title: "Renamed", status: edited[0].status } });
    expect(Object.keys(updates[0].op === "update" ? updates[0].changes : {}).sort()).toEqual(["status", "title"]);
  });

  it("sets every parent and dependency the file names among its own tasks, and reports the rest as unresolved", () => {
    const plan = planTrackerImport(tasks, new Map(), nobody);
    const keys = new Set(tasks.map((t) => t.externalKey));
    expect(plan.parents).toEqual(tasks.filter((t) => t.parentExternalKey && keys.has(t.parentExternalKey)).map((t) => ({ externalKey: t.externalKey, parentExternalKey: t.parentExternalKey })));
    const deps = tasks.flatMap((t) => t.dependsOn.map((d) => ({ externalKey: t.externalKey, dependsOnExternalKey: d })));
    expect([...plan.dependencies, ...plan.unresolved.filter((u) => u.kind === "dependency").map((u) => ({ externalKey: u.from, dependsOnExternalKey: u.to }))].length).toBe(deps.length);
    for (const u of plan.unresolved) expect(keys.has(u.to)).toBe(false);
    expect(plan.parents.length + plan.dependencies.length).toBeGreaterThan(0);
  });
});

describe("trackedFields", () => {
  const base: TrackerTask = {
    externalKey: "beads:x-1", title: "Fix it", description: "", status: "todo", priority: "high", tags: ["bug"], dependsOn: [], links: [], comments: [], metadata: {},
  };

  it("turns minutes into hours and keeps a due date", () => {
    expect(trackedFields({ ...base, estimatedMinutes: 90, dueAt: "2026-12-05T00:00:00.000Z" }, null)).toMatchObject({ estimatedHours: 1.5, dueAt: "2026-12-05T00:00:00.000Z" });
  });

  it("assigns a known user and keeps an unknown assignee as a tag", () => {
    expect(trackedFields({ ...base, assignee: "dana" }, "u1")).toMatchObject({ assigneeId: "u1", tags: ["bug"] });
    expect(trackedFields({ ...base, assignee: "dana" }, null)).toMatchObject({ assigneeId: null, tags: ["bug", "assignee:dana"] });
  });

  it("asks who an assignee is by the tracker's name", () => {
    const plan = planTrackerImport([{ ...base, assignee: "dana@example.com" }], new Map(), (n) => (n === "dana@example.com" ? "u7" : null));
    expect(plan.decisions[0]).toMatchObject({ op: "create", fields: { assigneeId: "u7" } });
  });

  it("never makes a task its own parent or blocker", () => {
    const plan = planTrackerImport([{ ...base, parentExternalKey: base.externalKey, dependsOn: [base.externalKey] }], new Map(), nobody);
    expect([plan.parents, plan.dependencies]).toEqual([[], []]);
    expect(plan.unresolved.map((u) => u.kind)).toEqual(["parent", "dependency"]);
  });
});
