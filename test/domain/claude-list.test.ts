// A project's tasks as Claude Code's own list shows them: statuses, ids, edges, and the activeForm Claude shows while one runs.
import { describe, expect, it } from "vitest";
import { activeForm, claudeIdOf, claudeListTasks, mayKeyList, prefixEnd } from "../../src/domain/claude-list";
import type { Asker, Role, TokenScope } from "../../src/domain/permissions";
import type { ProjectGraph } from "../../src/domain/graph";
import type { Task, TaskStatus } from "../../src/domain/tasks";

describe("activeForm", () => {
  it.each([
    ["Write the parser", "Writing the parser"],
    ["Fix the leak", "Fixing the leak"],
    ["Run the benchmarks", "Running the benchmarks"],
    ["Add CSV export", "Adding CSV export"],
    ["Update docs", "Updating docs"],
    ["See why it fails", "Seeing why it fails"],
    ["Tie up loose ends", "Tying up loose ends"],
    ["Refactor the store", "Refactoring the store"],
    ["Open a PR", "Opening a PR"],
    ["Commit the lockfile", "Committing the lockfile"],
    ["plan the release", "planning the release"],
    ["Deploying to staging", "Deploying to staging"],
  ])("%s → %s", (title, form) => expect(activeForm(title)).toBe(form));

  it("wraps a title that is no command", () => {
    expect(activeForm("API rate limits")).toBe("Working on API rate limits");
    expect(activeForm("The login bug")).toBe("Working on The login bug");
    expect(activeForm("#12 flaky test")).toBe("Working on #12 flaky test");
  });
});

describe("claudeIdOf", () => {
  it("reads n from the list's own keys only", () => {
    expect(claudeIdOf("SYS", "claude:SYS:12")).toBe("12");
    expect(claudeIdOf("SYS", "claude:SYS2:12")).toBeNull();
    expect(claudeIdOf("SYS", "claude:SYS:0")).toBeNull();
    expect(claudeIdOf("SYS", "claude:SYS:a")).toBeNull();
    expect(claudeIdOf("SYS", "task:s1:3")).toBeNull();
  });

  it("bounds the list's key range just past its prefix", () => {
    expect("claude:SYS:99" < prefixEnd("claude:SYS:")).toBe(true);
    expect("claude:SYS;" < prefixEnd("claude:SYS:")).toBe(false);
  });
});

let n = 0;
const task = (status: TaskStatus, projectId = "p1"): Task =>
  ({ id: `t${++n}`, key: `HUB-${n}`, projectId, title: `Write part ${n}`, description: null, status } as unknown as Task);

describe("claudeListTasks", () => {
  it("lists open tasks and finished ones the list already holds, with Claude's statuses and ids", () => {
    const [open, review, done, doneUnknown, cancelled] = [task("todo"), task("review"), task("completed"), task("completed"), task("cancelled")];
    const graph: ProjectGraph = { tasks: [open, review, done, doneUnknown, cancelled], edges: [] };
    const keyed = [{ taskId: done.id, externalKey: "claude:SYS:2" }, { taskId: cancelled.id, externalKey: "claude:SYS:5" }, { taskId: open.id, externalKey: "task:s1:1" }];
    const out = claudeListTasks("SYS", graph, "p1", keyed);
    expect(out.map((t) => [t.key, t.status, t.claudeId])).toEqual([
      [open.key, "pending", undefined],
      [review.key, "in_progress", undefined],
      [done.key, "completed", "2"],
      [cancelled.key, "completed", "5"],
    ]);
    expect(out[0]).toMatchObject({ title: open.title, description: "", activeForm: `Writing part ${open.key.slice(4)}` });
  });

  it("keeps edges between listed tasks, on both sides, and leaves out other projects' tasks", () => {
    const [a, b, other] = [task("todo"), task("in_progress"), task("todo", "p2")];
    const graph: ProjectGraph = { tasks: [a, b, other], edges: [{ taskId: a.id, dependsOnId: b.id }, { taskId: a.id, dependsOnId: other.id }] };
    const out = claudeListTasks("SYS", graph, "p1", []);
    expect(out.map((t) => [t.key, t.blocks, t.blockedBy])).toEqual([[a.key, [], [b.key]], [b.key, [a.key], []]]);
  });

  it("gives a task that holds two ids in the list the lowest", () => {
    const a = task("todo");
    const out = claudeListTasks("SYS", { tasks: [a], edges: [] }, "p1", [{ taskId: a.id, externalKey: "claude:SYS:9" }, { taskId: a.id, externalKey: "claude:SYS:3" }]);
    expect(out[0].claudeId).toBe("3");
  });
});

describe("mayKeyList", () => {
  const person = (scopes: TokenScope[]): Asker => ({ admin: false, userId: "u1", scopes });
  const noPerson = (scopes: TokenScope[], projects: string[] | null = null): Asker => ({ admin: false, userId: null, scopes, projects });
  it.each<[string, boolean, Asker, Role | null]>([
    ["the admin", true, { admin: true, userId: null, scopes: ["admin"] }, null],
    ["a member's write token", true, person(["write"]), "member"],
    ["a member's ingest token (the hook's)", true, person(["ingest"]), "member"],
    ["an owner's ingest token", true, person(["ingest"]), "owner"],
    ["a viewer's ingest token", false, person(["ingest", "read"]), "viewer"],
    ["a viewer's write token", false, person(["write"]), "viewer"],
    ["a stranger's token, whatever its scopes", false, person(["ingest", "write"]), null],
    ["a member's read token", false, person(["read"]), "member"],
    ["an ingest token of no person", true, noPerson(["ingest"]), null],
    ["an ingest token of no person limited to this project", true, noPerson(["ingest"], ["HUB"]), null],
    ["an ingest token of no person limited to another", false, noPerson(["ingest", "write"], ["OTHER"]), null],
    ["a read token of no person", false, noPerson(["read"]), null],
  ])("%s may give ids: %s", (_, may, asker, role) => expect(mayKeyList(asker, "HUB", role)).toBe(may));
});
