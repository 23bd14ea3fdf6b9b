// Claude Code's own task list: the whole list FabianSperrle/time-tracker committed from ~/.claude/tasks/.
import { describe, expect, it } from "vitest";
import { fromClaudeTasks, taskListId } from "../../../src/domain/trackers/claude-tasks";
import { claudeFiles, counts, tally } from "./fixtures";

const files = claudeFiles();
const source = files.map((f) => JSON.parse(f.text) as { id: string; subject: string; status: string; blocks: string[]; blockedBy: string[] });
const imported = fromClaudeTasks("time-tracker", files);
const task = (id: string) => imported.tasks.find((t) => t.externalKey === `claude:time-tracker:${id}`)!;

describe("a Claude task list", () => {
  it("imports every task file under the list's key", () => {
    expect(imported.tasks.map((t) => t.externalKey).sort()).toEqual(source.map((s) => `claude:time-tracker:${s.id}`).sort());
  });

  it("accounts for every status and both sides of every edge", () => {
    expect(counts(imported.accounting.statuses)).toEqual(tally(source.map((s) => s.status)));
    expect(counts(imported.accounting.linkKinds)).toEqual({ blocks: source.flatMap((s) => s.blocks).length, blockedBy: source.flatMap((s) => s.blockedBy).length });
    expect(imported.accounting.unresolved).toEqual([]);
  });

  it("blockedBy becomes the task's dependencies, UTF-8 text intact", () => {
    expect(task("16")).toMatchObject({ title: "F16: Einstellungen", status: "in_progress", dependsOn: ["claude:time-tracker:1"] });
    expect(task("1").description).toContain("gemäß docs/features/F01-project-setup.md");
    expect(task("1").metadata.claude).toMatchObject({ activeForm: "Implementiere F01: Project Setup & Architektur" });
  });

  it("every blocks entry is the same edge as a blockedBy entry", () => {
    for (const s of source) for (const b of s.blocks) expect(task(b).dependsOn).toContain(`claude:time-tracker:${s.id}`);
  });
});

describe("Claude task list variants", () => {
  const file = (id: string, fields: object = {}) => ({ name: `${id}.json`, text: JSON.stringify({ id, subject: `Task ${id}`, description: "", activeForm: "", status: "pending", blocks: [], blockedBy: [], ...fields }) });

  it(".lock and .highwatermark are not tasks", () => {
    const { tasks, accounting } = fromClaudeTasks("l", [file("1"), { name: ".lock", text: "" }, { name: ".highwatermark", text: "3" }]);
    expect(tasks).toHaveLength(1);
    expect(accounting.skipped).toEqual([]);
  });

  it("an edge written on the blocker's side only still makes the dependency", () => {
    const { tasks } = fromClaudeTasks("l", [file("1", { blocks: ["2"] }), file("2")]);
    expect(tasks[1].dependsOn).toEqual(["claude:l:1"]);
  });

  it("owner becomes the assignee; unreadable files are skipped with the reason", () => {
    const { tasks, accounting } = fromClaudeTasks("l", [file("1", { owner: "researcher", status: "completed" }), { name: "2.json", text: "{" }]);
    expect(tasks[0]).toMatchObject({ assignee: "researcher", status: "completed" });
    expect(accounting.skipped).toEqual([{ item: "2.json", reason: "not JSON" }]);
  });
});

describe("taskListId", () => {
  it("reads a list id, and no list from an empty header or the text of a variable never set", () => {
    expect(taskListId("SYS")).toEqual({ ok: true, list: "SYS" });
    expect(taskListId(" HUB-2.x_y ")).toEqual({ ok: true, list: "HUB-2.x_y" });
    for (const none of [undefined, null, "", "$CLAUDE_CODE_TASK_LIST_ID", "${CLAUDE_CODE_TASK_LIST_ID}"]) expect(taskListId(none)).toEqual({ ok: true, list: null });
  });

  it("refuses what no folder of Claude's could be named: a path, dots, too long", () => {
    for (const bad of ["../etc", "a/b", "..", ".", "x".repeat(201), "a b"]) expect(taskListId(bad)).toEqual({ ok: false });
  });
});
