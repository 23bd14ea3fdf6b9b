// Hook payloads: each event gives the intents, and the keys, that the transcript gives for the same thing.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { extractHook } from "../../../src/domain/extract/hook";
import type { TaskIntent } from "../../../src/domain/extract/types";
import { assistantText, BASE, jsonl, SESSION, toolResult, toolUse, userLine } from "./helpers";

const base = { session_id: SESSION, transcript_path: "/home/dev/.claude/projects/x/s.jsonl", cwd: BASE.cwd };
const keys = (intents: TaskIntent[]) =>
  intents.flatMap((i) => (i.type === "list" ? i.items.map((t) => t.externalKey) : i.type === "upsert" || i.type === "depend" ? [i.externalKey] : []));

describe("extractHook", () => {
  it("UserPromptSubmit: a request gets the key the transcript gives it", () => {
    const prompt = "Can you add an audit log for token changes?";
    const hook = extractHook({ ...base, hook_event_name: "UserPromptSubmit", prompt });
    expect(keys(hook)).toEqual([`prose:${SESSION}:add an audit log for token changes`]);
    expect(keys(hook)).toEqual(keys(extractTranscript(jsonl(userLine(prompt))).intents));
  });

  it("PostToolUse TodoWrite: the list gets the transcript's item keys", () => {
    const input = { todos: [{ content: "Add login form", status: "in_progress", activeForm: "Adding login form" }] };
    const hook = extractHook({ ...base, hook_event_name: "PostToolUse", tool_name: "TodoWrite", tool_input: input, tool_response: { oldTodos: [], newTodos: input.todos } });
    expect(hook[0]).toMatchObject({ type: "list", items: [{ title: "Add login form", status: "in_progress" }] });
    expect(keys(hook)).toEqual(keys(extractTranscript(jsonl(toolUse("TodoWrite", input, "t1"))).intents));
  });

  it("PostToolUse TodoWrite: leaves out the session rituals and cleans titles as the transcript does", () => {
    const input = { todos: [
      { content: "**Add** the `export` route", status: "in_progress", activeForm: "Adding" },
      { content: "Run tests and lint", status: "pending", activeForm: "Running" },
    ] };
    const hook = extractHook({ ...base, hook_event_name: "PostToolUse", tool_name: "TodoWrite", tool_input: input });
    const [list] = extractTranscript(jsonl(toolUse("TodoWrite", input, "t1"))).intents;
    expect(hook).toHaveLength(1);
    expect(hook[0]).toMatchObject({ type: "list", items: [{ title: "Add the export route" }] });
    expect(hook[0].type === "list" && hook[0].items).toEqual(list.type === "list" && list.items);
  });

  it("PostToolUse TaskCreate: the new task gets the transcript's key", () => {
    const input = { subject: "Add CSV export", description: "Export tasks as CSV", activeForm: "Adding CSV export" };
    const response = { task: { id: "3", subject: "Add CSV export" } };
    const hook = extractHook({ ...base, hook_event_name: "PostToolUse", tool_name: "TaskCreate", tool_input: input, tool_response: response });
    const transcript = extractTranscript(jsonl(toolUse("TaskCreate", input, "t1"), toolResult("t1", "Task #3 created successfully: Add CSV export", response)));
    expect(keys(hook)).toEqual([`task:${SESSION}:3`]);
    expect(keys(hook)).toEqual(keys(transcript.intents));
  });

  it("PostToolUse TaskUpdate: status and edges get the transcript's keys", () => {
    const input = { taskId: "3", status: "completed", addBlocks: ["4"] };
    const hook = extractHook({ ...base, hook_event_name: "PostToolUse", tool_name: "TaskUpdate", tool_input: input, tool_response: { success: true, taskId: "3", updatedFields: ["status"] } });
    expect(hook.map((i) => i.type)).toEqual(["upsert", "depend"]);
    expect(keys(hook)).toEqual(keys(extractTranscript(jsonl(toolUse("TaskUpdate", input, "t1"))).intents));
  });

  it("PostToolUse TaskUpdate: a refused update yields nothing", () => {
    const hook = extractHook({ ...base, hook_event_name: "PostToolUse", tool_name: "TaskUpdate", tool_input: { taskId: "9", status: "completed" }, tool_response: { success: false, error: "Task not found" } });
    expect(hook).toEqual([]);
  });

  it("TaskCreated (2.1.332, as the real client sends it): the task gets the key its TaskCreate gives it", () => {
    const created = { ...base, prompt_id: "p1", hook_event_name: "TaskCreated", task_id: "1", task_subject: "Implement user authentication for the API", task_description: "JWT" };
    const fromTool = extractHook({ ...base, hook_event_name: "PostToolUse", tool_name: "TaskCreate", tool_input: { subject: "Implement user authentication for the API", description: "JWT" }, tool_response: { task: { id: "1", subject: "Implement user authentication for the API", description: "JWT" } } });
    expect(extractHook(created)).toEqual(fromTool);
  });

  it("TaskCompleted: the task's status becomes completed under its TaskCreate key", () => {
    const [done] = extractHook({ ...base, hook_event_name: "TaskCompleted", task_id: "1", task_subject: "Implement user authentication for the API" });
    expect(done).toMatchObject({ type: "upsert", externalKey: `task:${SESSION}:1`, status: "completed", source: "task-tool" });
  });

  it("in a shared task list, Task tools key by the list, so every session's id N is one task", () => {
    const created = { ...base, hook_event_name: "TaskCreated", task_id: "2", task_subject: "Add CSV export" };
    const other = { ...created, session_id: "another-session" };
    expect(keys(extractHook(created, { taskList: "SYS" }))).toEqual(["claude:SYS:2"]);
    expect(keys(extractHook(other, { taskList: "SYS" }))).toEqual(["claude:SYS:2"]);
    const update = { ...base, hook_event_name: "PostToolUse", tool_name: "TaskUpdate", tool_input: { taskId: "2", status: "completed", addBlockedBy: ["1"] }, tool_response: { success: true } };
    const [upsert, depend] = extractHook(update, { taskList: "SYS" });
    expect(upsert).toMatchObject({ externalKey: "claude:SYS:2", status: "completed" });
    expect(depend).toMatchObject({ type: "depend", externalKey: "claude:SYS:2", dependsOnExternalKey: "claude:SYS:1" });
    const [done] = extractHook({ ...created, hook_event_name: "TaskCompleted" }, { taskList: "SYS" });
    expect(done).toMatchObject({ externalKey: "claude:SYS:2", status: "completed" });
  });

  it("a transcript posted with the list keys its Task tools as the hooks of that list do", () => {
    const input = { subject: "Add CSV export" };
    const response = { task: { id: "3", subject: "Add CSV export" } };
    const transcript = extractTranscript(jsonl(toolUse("TaskCreate", input, "t1"), toolResult("t1", "Task #3 created successfully: Add CSV export", response)), { taskList: "SYS" });
    const hook = extractHook({ ...base, hook_event_name: "PostToolUse", tool_name: "TaskCreate", tool_input: input, tool_response: response }, { taskList: "SYS" });
    expect(keys(transcript.intents)).toEqual(["claude:SYS:3"]);
    expect(keys(hook)).toEqual(keys(transcript.intents));
  });

  it("Stop: next steps in the last message get the transcript's keys", () => {
    const message = "All green.\n\nNext steps:\n- Add retries to the mailer\n- Document the hook setup";
    const hook = extractHook({ ...base, hook_event_name: "Stop", stop_hook_active: false, last_assistant_message: message });
    expect(keys(hook)).toEqual([`prose:${SESSION}:add retries to the mailer`, `prose:${SESSION}:document the hook setup`]);
    expect(keys(hook)).toEqual(keys(extractTranscript(jsonl(assistantText(message))).intents));
  });

  it("keys a subagent's TodoWrite by agent_id, as its sidechain lines are keyed by agentId", () => {
    const input = { todos: [{ content: "Scan deps", status: "pending", activeForm: "Scanning" }] };
    const hook = extractHook({ ...base, agent_id: "a881341", agent_type: "Explore", hook_event_name: "PostToolUse", tool_name: "TodoWrite", tool_input: input });
    const transcript = extractTranscript(jsonl(toolUse("TodoWrite", input, "t1", undefined, { isSidechain: true, agentId: "a881341" })));
    expect(keys(hook)).toEqual(keys(transcript.intents));
  });

  it("tags the repository from cwd", () => {
    const [u] = extractHook({ ...base, hook_event_name: "UserPromptSubmit", prompt: "please add a favicon" });
    expect(u.type === "upsert" && u.tags).toEqual(["repo:taskhub"]);
  });

  it("reads due dates only when told when the hook arrived", () => {
    const payload = { ...base, hook_event_name: "UserPromptSubmit", prompt: "please add a favicon by Friday" };
    const at = extractHook(payload, { at: "2026-02-11T10:00:00.000Z" })[0];
    expect(at.type === "upsert" && at.dueAt).toBe("2026-02-13T23:59:59.000Z");
    const without = extractHook(payload)[0];
    expect(without.type === "upsert" && without.dueAt).toBeUndefined();
  });

  it("ignores other events and payloads that are not hook payloads", () => {
    expect(extractHook({ ...base, hook_event_name: "SessionStart", source: "startup" })).toEqual([]);
    expect(extractHook({ ...base, hook_event_name: "PostToolUse", tool_name: "Bash", tool_input: { command: "ls" } })).toEqual([]);
    expect(extractHook(null)).toEqual([]);
    expect(extractHook({ hook_event_name: "UserPromptSubmit", prompt: "please add x y" })).toEqual([]);
  });
});
