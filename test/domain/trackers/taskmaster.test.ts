// Task Master tasks.json in and out: a tagged file (0xfauzi/testcraft) and a legacy one (CodySwannGT/ai-coding-assistants-setup).
import { describe, expect, it } from "vitest";
import { TrackerInputError } from "../../../src/domain/trackers/model";
import { fromTaskMaster, toTaskMaster } from "../../../src/domain/trackers/taskmaster";
import { TASKMASTER_FIXTURES, counts, fixture, tally } from "./fixtures";

type Raw = Record<string, any>;
const sourceTasks = (doc: Raw): Raw[] => doc.tasks ?? doc.master.tasks;
const tagged = (tasks: Raw[]) => JSON.stringify({ feature: { tasks, metadata: {} } });
const find = (tasks: { externalKey: string }[], key: string) => tasks.find((t) => t.externalKey === key) as any;

describe.each(TASKMASTER_FIXTURES)("%s", (name) => {
  const text = fixture(name);
  const source = sourceTasks(JSON.parse(text));
  const subs = source.flatMap((t) => (t.subtasks ?? []).map((s: Raw) => ({ ...s, parent: t.id })));
  const imported = fromTaskMaster(text);

  it("imports every task and subtask under the master tag", () => {
    expect(imported.tasks).toHaveLength(source.length + subs.length);
    for (const s of subs) expect(find(imported.tasks, `taskmaster:master:${s.parent}.${s.id}`).parentExternalKey).toBe(`taskmaster:master:${s.parent}`);
  });

  it("accounts for every status, priority and dependency in the file", () => {
    const all = [...source, ...subs];
    expect(counts(imported.accounting.statuses)).toEqual(tally(all.map((t) => t.status)));
    expect(counts(imported.accounting.priorities)).toEqual(tally(all.filter((t) => t.priority !== undefined).map((t) => t.priority)));
    const spelled = [
      ...source.flatMap((t) => t.dependencies.map((d: unknown) => (typeof d === "number" ? "task number" : "other"))),
      ...subs.flatMap((s) => s.dependencies.map((d: unknown) => (typeof d === "number" ? "sibling subtask number" : '"task.subtask" string'))),
    ];
    expect(counts(imported.accounting.linkKinds)).toEqual(tally(spelled));
    expect(imported.accounting.skipped).toEqual([]);
  });

  it("import → export → import gives the same tasks", () => {
    expect(fromTaskMaster(toTaskMaster(imported.tasks, "master")).tasks).toEqual(imported.tasks);
  });

  it("exports each task and subtask as it came, and the tag's own metadata", () => {
    const out = JSON.parse(toTaskMaster(imported.tasks, "master", imported.tagMetadata.master)).master;
    expect(out.tasks).toEqual(source);
    const doc = JSON.parse(text);
    // A legacy file has no tag metadata: the export writes what Task Master writes for a new tag.
    expect(out.metadata).toEqual(doc.tasks ? { description: "Tasks for master context" } : doc.master.metadata);
  });
});

describe("Task Master fields", () => {
  const testcraft = fromTaskMaster(fixture("taskmaster-testcraft.json")).tasks;
  const legacy = fromTaskMaster(fixture("taskmaster-ai-coding-assistants-setup.json")).tasks;

  it('a subtask\'s "1.1" names subtask 1 of task 1, a bare number a sibling', () => {
    expect(find(testcraft, "taskmaster:master:1.4").dependsOn).toEqual(["taskmaster:master:1.1", "taskmaster:master:1.2"]);
    expect(find(legacy, "taskmaster:master:17.6").dependsOn).toEqual(["taskmaster:master:17.2", "taskmaster:master:17.3", "taskmaster:master:17.4", "taskmaster:master:17.5"]);
  });

  it("a task's numbers name tasks", () => {
    expect(find(testcraft, "taskmaster:master:14").dependsOn).toEqual(["taskmaster:master:6", "taskmaster:master:7", "taskmaster:master:13"]);
  });

  it("details and testStrategy are kept", () => {
    expect(find(testcraft, "taskmaster:master:1").metadata.taskmaster).toMatchObject({
      details: expect.stringContaining("Python 3.11+"),
      testStrategy: expect.stringContaining("Verify project structure"),
    });
  });

  it("maps every Task Master status; completed counts as done", () => {
    const statuses = ["pending", "in-progress", "review", "done", "deferred", "cancelled", "blocked", "completed"];
    const { tasks, accounting } = fromTaskMaster(tagged(statuses.map((status, i) => ({ id: i + 1, title: status, status, dependencies: [] }))));
    expect(tasks.map((t) => t.status)).toEqual(["todo", "in_progress", "review", "completed", "todo", "cancelled", "todo", "completed"]);
    expect(accounting.statuses.find((s) => s.value === "deferred")!.became).toBe('status todo; "deferred" kept in metadata');
    expect(JSON.parse(toTaskMaster(tasks, "feature")).feature.tasks.map((t: Raw) => t.status)).toEqual(statuses);
  });

  it("string ids, tags other than master, and dependencies on another task's subtask", () => {
    const doc = tagged([
      { id: "1", title: "a", status: "pending", dependencies: [], subtasks: [{ id: 1, title: "a.1", status: "pending", dependencies: [] }] },
      { id: "2", title: "b", status: "pending", dependencies: ["1.1", 1] },
    ]);
    const { tasks } = fromTaskMaster(doc);
    expect(tasks.map((t) => t.externalKey)).toEqual(["taskmaster:feature:1", "taskmaster:feature:1.1", "taskmaster:feature:2"]);
    expect(tasks[2].dependsOn).toEqual(["taskmaster:feature:1.1", "taskmaster:feature:1"]);
    // Task Master requires a description: an absent one is written empty.
    const withDescription = (t: Raw) => ({ ...t, description: "" });
    const expected = JSON.parse(doc).feature.tasks.map((t: Raw) => ({ ...withDescription(t), subtasks: (t.subtasks ?? []).map(withDescription) }));
    expect(JSON.parse(toTaskMaster(tasks, "feature")).feature.tasks).toEqual(expected);
  });

  it('inside a subtask, a task is named "7" (a bare 7 would be its sibling)', () => {
    const base = { description: "", status: "todo" as const, priority: "medium" as const, tags: [], links: [], comments: [], metadata: {} };
    const tasks = [
      { ...base, externalKey: "x:1", title: "parent", dependsOn: [] },
      { ...base, externalKey: "x:2", title: "child", parentExternalKey: "x:1", dependsOn: ["x:3"] },
      { ...base, externalKey: "x:3", title: "other", dependsOn: [] },
    ];
    const text = toTaskMaster(tasks, "master");
    expect(JSON.parse(text).master.tasks[0].subtasks[0].dependencies).toEqual(["2"]);
    expect(fromTaskMaster(text).tasks.find((t) => t.title === "child")!.dependsOn).toEqual(["taskmaster:master:2"]);
  });

  it("a file that is neither format is refused whole", () => {
    expect(() => fromTaskMaster("{nope")).toThrow(TrackerInputError);
    expect(() => fromTaskMaster(JSON.stringify({ master: { items: [] } }))).toThrow(/neither/);
  });

  it("a task without an id is skipped with the reason", () => {
    const { tasks, accounting } = fromTaskMaster(JSON.stringify({ tasks: [{ title: "no id" }, { id: 2, title: "ok", dependencies: [] }] }));
    expect(tasks.map((t) => t.externalKey)).toEqual(["taskmaster:master:2"]);
    expect(accounting.skipped).toEqual([{ item: "master: task #1", reason: "no numeric id" }]);
  });

  it("exports tasks from elsewhere with fresh ids, one level of subtasks, and dependencies by the new ids", () => {
    const base = { description: "", status: "todo" as const, priority: "medium" as const, tags: [], links: [], comments: [], metadata: {} };
    const tasks = [
      { ...base, externalKey: "beads:p-1", title: "epic", dependsOn: [] },
      { ...base, externalKey: "beads:p-1.1", title: "child", parentExternalKey: "beads:p-1", dependsOn: ["beads:p-2"], status: "completed" as const },
      { ...base, externalKey: "beads:p-2", title: "other", dependsOn: ["beads:p-1.1"], priority: "urgent" as const },
    ];
    const out = JSON.parse(toTaskMaster(tasks, "master")).master.tasks;
    expect(out).toEqual([
      { id: 1, title: "epic", description: "", dependencies: [], status: "pending", subtasks: [{ id: 1, title: "child", description: "", dependencies: ["2"], status: "done" }] },
      { id: 2, title: "other", description: "", dependencies: ["1.1"], status: "pending", priority: "critical", subtasks: [] },
    ]);
  });
});
