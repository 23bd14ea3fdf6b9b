// How the board arranges tasks: the columns a status view shows, subtasks under their parent, a parent's subtasks.
import { describe, expect, it } from "vitest";
import { nested, statusesOf, subtasksByParent } from "../../src/domain/board";
import type { Task } from "../../src/domain/tasks";

const task = (id: string, extra: Partial<Task> = {}): Task => ({
  id, projectId: "p", projectKey: "B", number: 1, key: `B-${id}`, title: id, description: null, status: "todo", priority: "medium",
  assigneeId: null, creatorId: null, dueAt: null, tags: [], estimatedHours: null, source: { kind: "manual" }, externalKey: null,
  parentId: null, createdAt: "2026-12-01T00:00:00Z", updatedAt: "2026-12-01T00:00:00Z", completedAt: null, version: 1, ...extra,
});

describe("statusesOf", () => {
  it("shows every column without a view", () => {
    expect(statusesOf(undefined)).toEqual(["todo", "in_progress", "review", "completed", "cancelled"]);
  });

  it("open is the three working columns and done the two finished ones", () => {
    expect(statusesOf("open")).toEqual(["todo", "in_progress", "review"]);
    expect(statusesOf("done")).toEqual(["completed", "cancelled"]);
  });

  it("one status is its own column", () => {
    expect(statusesOf("review")).toEqual(["review"]);
  });
});

describe("nested", () => {
  it("puts a subtask right after its parent, one level deeper, whatever the list order", () => {
    const col = [task("kid", { parentId: "top" }), task("other"), task("top"), task("grandkid", { parentId: "kid" })];
    expect(nested(col).map(({ task: t, depth }) => `${t.id}:${depth}`)).toEqual(["other:0", "top:0", "kid:1", "grandkid:2"]);
  });

  it("leaves a subtask whose parent is elsewhere at the top level", () => {
    expect(nested([task("kid", { parentId: "gone" })]).map((n) => n.depth)).toEqual([0]);
  });

  it("shows every task once even when parents form a loop", () => {
    const col = [task("a", { parentId: "b" }), task("b", { parentId: "a" })];
    expect(nested(col).map((n) => n.task.id).sort()).toEqual(["a", "b"]);
  });
});

describe("subtasksByParent", () => {
  it("gathers each parent's subtasks in list order across statuses", () => {
    const kids = subtasksByParent([task("top"), task("k1", { parentId: "top", status: "completed" }), task("k2", { parentId: "top" }), task("solo")]);
    expect([...kids.keys()]).toEqual(["top"]);
    expect(kids.get("top")!.map((t) => t.id)).toEqual(["k1", "k2"]);
  });

  it("ignores a task named as its own parent", () => {
    expect(subtasksByParent([task("self", { parentId: "self" })]).size).toBe(0);
  });
});
