// The planner that turns session intents into task changes.
import { describe, expect, it } from "vitest";
import type { IntentOrigin, TaskIntent } from "../../src/domain/extract/types";
import {
  futureIntents, isStaleList, mayIngest, planList, planUpsert, sessionOwner, sessionTaskDraft, sessionTitleKey, splitMinutes, type KnownTask, type Poster, type TaskOp,
} from "../../src/domain/ingest";

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

  const proseTask = (status: KnownTask["status"]) => known("t9", "prose:s1:add login", status, { titleNorm: "add login", sourceKind: "prose" });

  it("matches the session's task of the same title instead of creating a second one", () => {
    expect(planUpsert(upsert({ source: "prose", externalKey: "prose:s1:x", matchByTitle: true, status: "in_progress" }), null, proseTask("todo"))).toEqual({
      op: "update", taskId: "t9", fields: { status: "in_progress" }, reason: "prose",
    });
  });

  it("has a Task-tool create adopt the session's prose task of its title, which answers to the tool's key from then on", () => {
    expect(planUpsert(upsert({ status: "todo", description: "JWT" }), null, proseTask("todo"))).toEqual({
      op: "update", taskId: "t9", fields: { description: "JWT" }, reason: "task-tool", alias: "task:s1:1",
    });
  });

  it("adopts a prose task even when the create changes nothing of it", () => {
    expect(planUpsert(upsert({ status: "todo" }), null, proseTask("in_progress"))).toEqual({ op: "update", taskId: "t9", fields: {}, reason: "task-tool", alias: "task:s1:1" });
  });

  it("leaves a finished task of the session finished when the prompt is echoed after it", () => {
    expect(planUpsert(upsert({ source: "prose", externalKey: "prose:s1:x", matchByTitle: true, status: "todo" }), null, proseTask("completed"))).toBeNull();
  });

  it("never matches a task made by hand, even of the same title", () => {
    const manual = known("t8", "m", "todo", { titleNorm: "add login", sourceKind: "manual" });
    const op = planUpsert(upsert({ source: "compaction", externalKey: "c:1", matchByTitle: true, status: "completed" }), null, manual);
    expect(op).toMatchObject({ op: "create", sourceKind: "compaction" });
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

  it("has a tracker create adopt the session's finished task of its title without reopening it", () => {
    const same = known("t9", "prose:s1:add login", "completed", { titleNorm: "add login", sourceKind: "prose" });
    expect(planUpsert(upsert({ externalKey: "beads:x-1", matchByTitle: true, status: "todo" }), null, same)).toEqual({
      op: "update", taskId: "t9", fields: {}, reason: "task-tool", alias: "beads:x-1",
    });
  });

  it("asks the store to set the parent a later intent names for an existing task", () => {
    const t = known("t1", "beads:x-1.3", "todo", { sourceKind: "task-tool" });
    expect(planUpsert(upsert({ externalKey: "beads:x-1.3", title: undefined, parentExternalKey: "beads:x-1" }), t, null)).toEqual({
      op: "update", taskId: "t1", fields: {}, reason: "task-tool", parentExternalKey: "beads:x-1",
    });
  });

  it("renames a task when an update of it carries a new title", () => {
    const t = known("t1", "task:s1:1", "todo", { titleNorm: "add login", sourceKind: "task-tool" });
    expect(planUpsert(upsert({ title: "Add login with SSO", description: "SAML too" }), t, null)).toEqual({
      op: "update", taskId: "t1", fields: { title: "Add login with SSO", description: "SAML too" }, reason: "task-tool",
    });
  });

  it("renames nothing when a task's create comes after an update of it (posts reach the hub in any order)", () => {
    const renamed = known("t1", "task:s1:1", "in_progress", { titleNorm: "add login with sso", sourceKind: "task-tool" });
    expect(planUpsert(upsert({ creates: true, status: "todo", description: "the first description" }), renamed, null)).toBeNull();
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

describe("sessionTitleKey", () => {
  const create = (sourceKind: Extract<TaskOp, { op: "create" }>["sourceKind"], title: string): Extract<TaskOp, { op: "create" }> => ({
    op: "create", externalKey: "k", sourceKind, chain: "main", parentExternalKey: null, fields: { title, status: "todo" },
  });

  it("gives the prompt's task and the Task tool's task of one intent the same key", () => {
    expect(sessionTitleKey("p1", "s1", create("prose", "Implement user authentication for the API"))).toBe(
      sessionTitleKey("p1", "s1", create("task-tool", "implement user authentication for the API.")),
    );
  });

  it("keys the same title apart in another session", () => {
    expect(sessionTitleKey("p1", "s1", create("prose", "Add login"))).not.toBe(sessionTitleKey("p1", "s2", create("prose", "Add login")));
  });

  it("leaves TodoWrite items unkeyed: a list may name a title twice", () => {
    expect(sessionTitleKey("p1", "s1", create("todowrite", "Add login"))).toBeNull();
  });
});

describe("futureIntents", () => {
  const now = new Date("2026-11-25T10:00:00Z");
  const at = (iso: string): TaskIntent => ({ type: "time", origin: { ...origin, at: iso }, minutes: 1 });

  it("counts intents dated past now and the five minutes of skew", () => {
    expect(futureIntents([at("2026-11-25T10:05:01Z"), at("9999-01-01T00:00:00Z"), at("2026-11-25T09:00:00Z")], now)).toBe(2);
  });

  it("accepts a clock up to five minutes ahead", () => {
    expect(futureIntents([at("2026-11-25T10:05:00Z")], now)).toBe(0);
  });
});

describe("mayIngest", () => {
  const person: Poster = { tokenId: "t1", userId: "u1", projects: null, admin: false };
  const service: Poster = { tokenId: "t2", userId: null, projects: null, admin: false };

  it("lets a person's token write where the person is a member or owner", () => {
    expect([mayIngest(person, "HUB", "member"), mayIngest(person, "HUB", "owner")]).toEqual([true, true]);
  });

  it("refuses a person's token where the person only views or has no role", () => {
    expect([mayIngest(person, "HUB", "viewer"), mayIngest(person, "HUB", null)]).toEqual([false, false]);
  });

  it("lets a token of no person write every project unless it names its projects", () => {
    expect(mayIngest(service, "HUB", null)).toBe(true);
    expect(mayIngest({ ...service, projects: ["APP"] }, "HUB", null)).toBe(false);
    expect(mayIngest({ ...service, projects: ["APP"] }, "APP", null)).toBe(true);
  });

  it("lets the admin write anywhere", () => {
    expect(mayIngest({ ...service, tokenId: "admin", admin: true, projects: ["APP"] }, "HUB", null)).toBe(true);
  });
});

describe("sessionOwner", () => {
  it("owns a session by the person, so each of their tokens may post to it, else by the token", () => {
    expect(sessionOwner({ tokenId: "t1", userId: "u1", projects: null, admin: false })).toBe("user:u1");
    expect(sessionOwner({ tokenId: "t2", userId: null, projects: null, admin: false })).toBe("token:t2");
  });
});
