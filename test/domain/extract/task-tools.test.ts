// Task tools: a create gets its id from the result, updates map statuses, edges become depend intents.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { jsonl, ofType, SESSION, toolResult, toolUse, upserts } from "./helpers";

const create = (id: string, subject: string) =>
  toolUse("TaskCreate", { subject, description: `Details of ${subject}`, activeForm: `Doing ${subject}` }, id);
const created = (id: string, n: string, subject: string) =>
  toolResult(id, `Task #${n} created successfully: ${subject}`, { task: { id: n, subject } });

describe("TaskCreate", () => {
  it("creates the task when its result names the id, keyed by session and id", () => {
    const x = extractTranscript(jsonl(create("toolu_c1", "Add rate limiting"), created("toolu_c1", "1", "Add rate limiting")));
    const [u] = upserts(x, "task-tool");
    expect(u).toMatchObject({
      externalKey: `task:${SESSION}:1`,
      title: "Add rate limiting",
      description: "Details of Add rate limiting",
      status: "todo",
      matchByTitle: false,
    });
  });

  it("reads the id from the result text when toolUseResult carries no task", () => {
    const x = extractTranscript(jsonl(create("toolu_c1", "Write docs"), toolResult("toolu_c1", "Task #7 created successfully", undefined)));
    expect(upserts(x)[0].externalKey).toBe(`task:${SESSION}:7`);
  });

  it("waits for the result: a slice that ends after the call yields no create yet", () => {
    const x = extractTranscript(jsonl(create("toolu_c1", "Write docs")));
    expect(upserts(x)).toHaveLength(0);
  });

  it("creates the task from toolUseResult.task when the slice starts at the result", () => {
    const x = extractTranscript(jsonl(created("toolu_c1", "3", "Fix flaky test")));
    expect(upserts(x)[0]).toMatchObject({ externalKey: `task:${SESSION}:3`, title: "Fix flaky test", status: "todo" });
  });

  it("creates nothing when the call was refused", () => {
    const refused = toolResult("toolu_c1", "<tool_use_error>InputValidationError</tool_use_error>", "Error: bad input", undefined, {
      message: { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_c1", content: "InputValidationError", is_error: true }] },
    });
    expect(upserts(extractTranscript(jsonl(create("toolu_c1", "X y"), refused)))).toHaveLength(0);
  });
});

describe("TaskUpdate", () => {
  const update = (input: Record<string, unknown>) => extractTranscript(jsonl(toolUse("TaskUpdate", input, "toolu_u1")));

  it.each([
    ["pending", "todo"],
    ["in_progress", "in_progress"],
    ["completed", "completed"],
    ["deleted", "cancelled"],
  ])("maps status %s to %s", (from, to) => {
    expect(upserts(update({ taskId: "2", status: from }))[0]).toMatchObject({ externalKey: `task:${SESSION}:2`, status: to });
  });

  it("reads taskId, id and task_id alike, numbers included", () => {
    for (const input of [{ taskId: "4" }, { id: "4" }, { task_id: 4 }]) {
      expect(upserts(update({ ...input, status: "completed" }))[0].externalKey).toBe(`task:${SESSION}:4`);
    }
  });

  it("renames the task when subject changes", () => {
    expect(upserts(update({ taskId: "1", subject: "Add rate limiting to login" }))[0].title).toBe("Add rate limiting to login");
  });

  it("turns addBlocks and addBlockedBy into depend intents", () => {
    const x = update({ taskId: "2", addBlocks: ["3"], addBlockedBy: ["1"] });
    expect(ofType(x, "depend").map((d) => [d.externalKey, d.dependsOnExternalKey])).toEqual([
      [`task:${SESSION}:3`, `task:${SESSION}:2`],
      [`task:${SESSION}:2`, `task:${SESSION}:1`],
    ]);
    expect(upserts(x)).toHaveLength(0); // edges alone change no field of the task
  });

  it("withdraws an update whose result says it failed", () => {
    const x = extractTranscript(jsonl(
      toolUse("TaskUpdate", { taskId: "5", status: "completed" }, "toolu_u1"),
      toolResult("toolu_u1", "Task not found", { success: false, taskId: "5", updatedFields: [], error: "Task not found" }),
    ));
    expect(upserts(x)).toHaveLength(0);
  });

  it("keeps an update whose result succeeded", () => {
    const x = extractTranscript(jsonl(
      toolUse("TaskUpdate", { taskId: "1", status: "in_progress" }, "toolu_u1"),
      toolResult("toolu_u1", "Updated task #1 status", { success: true, taskId: "1", updatedFields: ["status"], statusChange: { from: "pending", to: "in_progress" } }),
    ));
    expect(upserts(x)[0].status).toBe("in_progress");
  });
});
