// The planner that turns session intents into task changes.
import { describe, expect, it } from "vitest";
import type { IntentOrigin, TaskIntent } from "../../src/domain/extract/types";
import { isStaleList, planList, planUpsert, sessionTaskDraft, splitMinutes, type KnownTask } from "../../src/domain/ingest";

const origin: IntentOrigin = { sessionId: "s1", lineUuid: "l1", at: "2026-11-25T10:00:00Z", cwd: "/p", gitBranch: "main", chain: "main" };
const known = (id: string, externalKey: string, status: KnownTask["status"], extra: Partial<KnownTask> = {}): KnownTask => ({
  id, externalKey, titleNorm: externalKey, status, sourceKind: "todowrite", chain: "main", ...extra,
});
const list = (items: { externalKey: string; title: string; status: KnownTask["status"] }[]): Extract<TaskIntent, { type: "list" }> => ({
  type: "list", origin, items, tags: [],
});

describe("planList", () => {
  it("creates the items it has not seen", () => {
    const ops = planList(list([{ externalKey: "k1", title: "Write tests", status: "todo" }]), new Map(), []);
    expect(ops).toEqual([expect.objectContaining({ op: "create", externalKey: "k1", sourceKind: "todowrite", chain: "main" })]);
  });

  it("moves a known item forward", () => {
    const ops = planList(list([{ externalKey: "k1", title: "x", status: "completed" }]), new Map([["k1", known("t1", "k1", "in_progress")]]), []);
    expect(ops).toEqual([{ op: "update", taskId: "t1", fields: { status: "completed" }, reason: "todo list" }]);
  });

  it("never moves a completed task back because an older list says pending", () => {
    const ops = planList(list([{ externalKey: "k1", title: "x", status: "todo" }]), new Map([["k1", known("t1", "k1", "completed")]]), []);
    expect(ops).toEqual([]);
  });

  it("cancels an open item of the chain that the new list no longer names", () => {
    const dropped = known("t2", "k2", "todo");
    const ops = planList(list([{ externalKey: "k1", title: "x", status: "todo" }]), new Map(), [dropped]);
    expect(ops).toContainEqual({ op: "update", taskId: "t2", fields: { status: "cancelled" }, reason: "dropped from the todo list" });
  });

  it("leaves tasks of other sources alone when the list drops them", () => {
    const prose = known("t3", "p1", "todo", { sourceKind: "prose" });
    expect(planList(list([]), new Map(), [prose])).toEqual([]);
  });
});

describe("planUpsert", () => {
  const upsert = (extra: Partial<Extract<TaskIntent, { type: "upsert" }>> = {}): Extract<TaskIntent, { type: "upsert" }> => ({
    type: "upsert", origin, externalKey: "task:s1:1", source: "task-tool", title: "Add login", tags: [], matchByTitle: false, ...extra,
  });

  it("creates a task with its title and status", () => {
    expect(planUpsert(upsert({ status: "in_progress" }), null, null)).toMatchObject({ op: "create", fields: { title: "Add login", status: "in_progress" } });
  });

  it("matches an open task with the same title instead of creating a second one", () => {
    const same = known("t9", "prose:s1:add login", "todo", { titleNorm: "add login" });
    expect(planUpsert(upsert({ matchByTitle: true, status: "in_progress" }), null, same)).toEqual({
      op: "update", taskId: "t9", fields: { status: "in_progress" }, reason: "task-tool",
    });
  });

  it("reopens a tracker task when the tracker says so (bd reopen)", () => {
    const done = known("t1", "beads:x-1", "completed", { sourceKind: "task-tool" });
    expect(planUpsert(upsert({ externalKey: "beads:x-1", title: undefined, status: "todo" }), done, null)).toEqual({
      op: "update", taskId: "t1", fields: { status: "todo" }, reason: "task-tool",
    });
  });

  it("moves a Task Master task back from review to in progress", () => {
    const t = known("t1", "taskmaster:master:5", "review", { sourceKind: "task-tool" });
    expect(planUpsert(upsert({ externalKey: "taskmaster:master:5", title: undefined, status: "in_progress" }), t, null)).toMatchObject({
      fields: { status: "in_progress" },
    });
  });

  it("still never reopens a session task from a stale upsert", () => {
    const done = known("t1", "task:s1:1", "completed", { sourceKind: "task-tool" });
    expect(planUpsert(upsert({ title: undefined, status: "todo" }), done, null)).toBeNull();
  });

  it("does not let a same-title match of a tracker intent reopen another source's task", () => {
    const same = known("t9", "prose:s1:add login", "completed", { titleNorm: "add login", sourceKind: "prose" });
    expect(planUpsert(upsert({ externalKey: "beads:x-1", matchByTitle: true, status: "todo" }), null, same)).toBeNull();
  });

  it("asks the store to set the parent a later intent names for an existing task", () => {
    const t = known("t1", "beads:x-1.3", "todo", { sourceKind: "task-tool" });
    expect(planUpsert(upsert({ externalKey: "beads:x-1.3", title: undefined, parentExternalKey: "beads:x-1" }), t, null)).toEqual({
      op: "update", taskId: "t1", fields: {}, reason: "task-tool", parentExternalKey: "beads:x-1",
    });
  });

  it("ignores an update for a task it never saw created", () => {
    expect(planUpsert(upsert({ title: undefined, status: "completed" }), null, null)).toBeNull();
  });
});

describe("splitMinutes", () => {
  it("splits a session's minutes over the tasks in progress", () => {
    expect(splitMinutes(30, ["a", "b"])).toEqual([{ taskId: "a", minutes: 15 }, { taskId: "b", minutes: 15 }]);
  });

  it("logs nothing when no task is in progress", () => {
    expect(splitMinutes(30, [])).toEqual([]);
  });
});

describe("isStaleList", () => {
  it("refuses a list older than the last one applied to its chain", () => {
    expect(isStaleList({ main: "2026-11-25T10:05:00Z" }, "main", "2026-11-25T10:00:00Z")).toBe(true);
  });

  it("accepts the first list of a chain, and a newer one", () => {
    expect(isStaleList({}, "main", "2026-11-25T10:00:00Z")).toBe(false);
    expect(isStaleList({ main: "2026-11-25T10:00:00Z" }, "main", "2026-11-25T10:05:00Z")).toBe(false);
  });
});

describe("sessionTaskDraft", () => {
  it("makes the task a session's create op asks for, by the session, under its parent", () => {
    const [op] = planList(list([{ externalKey: "k1", title: "Write tests", status: "in_progress" }]), new Map(), []);
    if (op.op !== "create") throw new Error("expected a create op");
    expect(sessionTaskDraft(op, "s1", "parent-id")).toEqual({
      title: "Write tests", description: null, status: "in_progress", priority: "medium", dueAt: null, tags: [], assigneeId: null,
      creatorId: "claude:s1", sourceKind: "todowrite", sourceRef: "s1", sessionId: "s1", chain: "main", parentId: "parent-id", externalKey: "k1",
    });
  });
});
