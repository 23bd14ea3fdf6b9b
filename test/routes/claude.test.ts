// POST /transcripts, POST /hooks/claude and GET /api/context as Claude Code and `taskhub hook` call them.
import { describe, expect, it } from "vitest";
import small from "../fixtures/claude/a-todowrite-v2.1.4.jsonl?raw";
import { call, createProject } from "../support/hub";
import { asSession, postHook, postTranscript, projectTasks, settled } from "../support/transcripts";

let n = 0;
async function freshProject() {
  const key = `CL${++n}`;
  const cwd = `/work/cl${n}`;
  await createProject(key, { paths: [cwd] });
  return { key, cwd, session: crypto.randomUUID() };
}

async function tokenWith(scopes: string[]) {
  const res = await call("/api/tokens", { method: "POST", json: { name: `t${++n}`, scopes } });
  return ((await res.json()) as { token: string }).token;
}

const AT = "2026-11-25T10:00:00.000Z";
const TASK_RESULT = { task: { id: "1", subject: "Write the config parser" } };
const TODOS = [
  { content: "Sketch the loader", status: "completed", activeForm: "Sketching the loader" },
  { content: "Wire the loader into startup", status: "in_progress", activeForm: "Wiring the loader" },
];
const PROMPT = "I need to implement user authentication for the API";
const LAST = "The loader is wired.\n\nNext steps:\n- Document the config format\n- Benchmark the config loader";

/** One session said every way Claude Code says it, as transcript lines. */
function sessionLines(sessionId: string, cwd: string): string {
  let i = 0;
  const base = (type: string, content: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ parentUuid: null, isSidechain: false, type, sessionId, cwd, gitBranch: "", version: "2.1.197", uuid: `${sessionId.slice(0, 8)}-line-${++i}`, timestamp: AT, message: { role: type, content }, ...extra });
  return [
    base("user", PROMPT),
    base("assistant", [{ type: "tool_use", id: "toolu_c1", name: "TaskCreate", input: { subject: "Write the config parser", description: "JSON only" } }]),
    base("user", [{ type: "tool_result", tool_use_id: "toolu_c1", content: "Task #1 created successfully: Write the config parser" }], { toolUseResult: TASK_RESULT }),
    base("assistant", [{ type: "tool_use", id: "toolu_u1", name: "TaskUpdate", input: { taskId: "1", status: "in_progress" } }]),
    base("user", [{ type: "tool_result", tool_use_id: "toolu_u1", content: "Updated task #1 status" }], { toolUseResult: { success: true, taskId: "1" } }),
    base("assistant", [{ type: "tool_use", id: "toolu_t1", name: "TodoWrite", input: { todos: TODOS } }]),
    base("user", [{ type: "tool_result", tool_use_id: "toolu_t1", content: "Todos have been modified successfully." }]),
    base("assistant", [{ type: "text", text: LAST }]),
  ].join("\n");
}

/** The same session as the HTTP hooks Claude Code sends while it happens. */
function sessionHooks(session_id: string, cwd: string) {
  const common = { session_id, cwd, transcript_path: `/home/dev/.claude/projects/x/${session_id}.jsonl`, permission_mode: "default" };
  return [
    { ...common, hook_event_name: "UserPromptSubmit", prompt: PROMPT },
    { ...common, hook_event_name: "PostToolUse", tool_name: "TaskCreate", tool_use_id: "toolu_c1", tool_input: { subject: "Write the config parser", description: "JSON only" }, tool_response: TASK_RESULT },
    { ...common, hook_event_name: "PostToolUse", tool_name: "TaskUpdate", tool_use_id: "toolu_u1", tool_input: { taskId: "1", status: "in_progress" }, tool_response: { success: true, taskId: "1" } },
    { ...common, hook_event_name: "PostToolUse", tool_name: "TodoWrite", tool_use_id: "toolu_t1", tool_input: { todos: TODOS }, tool_response: { oldTodos: [], newTodos: TODOS } },
    { ...common, hook_event_name: "Stop", stop_hook_active: false, last_assistant_message: LAST },
  ];
}

const EXPECTED = {
  "Implement user authentication for the API": "todo prose",
  "Write the config parser": "in_progress task-tool",
  "Sketch the loader": "completed todowrite",
  "Wire the loader into startup": "in_progress todowrite",
  "Document the config format": "todo prose",
  "Benchmark the config loader": "todo prose",
};

const shown = async (project: string) => Object.fromEntries((await projectTasks(project)).map((t) => [t.title, `${t.status} ${t.source.kind}`]));

describe("POST /transcripts", () => {
  it("turns a session's prompt, Task tools, TodoWrite and closing next steps into tasks", async () => {
    const p = await freshProject();
    expect((await postTranscript(sessionLines(p.session, p.cwd))).status).toBe(202);
    await settled();
    expect(await shown(p.key)).toEqual(EXPECTED);
  });

  it("counts lines that are not transcript lines and reads the rest", async () => {
    const p = await freshProject();
    const body = `not json\n[1,2]\n${asSession(small, p.session, p.cwd)}`;
    const res = await postTranscript(body);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ badLines: 2 });
    await settled();
    expect((await projectTasks(p.key)).length).toBe(4); // the session's four work items; its two rituals are not tasks
  });

  it("answers 400 when no line names a session", async () => {
    const res = await postTranscript("nothing\nhere\n");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_transcript" });
  });

  it("answers 401 without a token", async () => {
    expect((await postTranscript(small, null)).status).toBe(401);
  });

  it("answers 401 with an unknown token", async () => {
    expect((await postTranscript(small, "th_not_a_token")).status).toBe(401);
  });

  it("answers 403 to a token without the ingest scope", async () => {
    expect((await postTranscript(small, await tokenWith(["read"]))).status).toBe(403);
  });

  it("accepts a token with only the ingest scope", async () => {
    const p = await freshProject();
    expect((await postTranscript(asSession(small, p.session, p.cwd), await tokenWith(["ingest"]))).status).toBe(202);
  });

  it("answers 413 to a body over 25 MB", async () => {
    const line = JSON.stringify({ type: "user", sessionId: "big", uuid: "u", message: { role: "user", content: "x".repeat(1_000_000) } });
    const res = await postTranscript(Array(27).fill(line).join("\n"));
    expect(res.status).toBe(413);
  });
});

describe("a shared task list (X-Taskhub-Task-List)", () => {
  const LIST = { "x-taskhub-task-list": "" };
  const hookIn = (list: string, payload: unknown) => call("/hooks/claude", { method: "POST", json: payload, headers: { ...LIST, "x-taskhub-task-list": list } });

  it("two sessions on one list make one task of id 1: one creates it, the other completes it", async () => {
    const p = await freshProject();
    const list = `L${p.key}`;
    const created = { session_id: p.session, cwd: p.cwd, hook_event_name: "TaskCreated", task_id: "1", task_subject: "Write the config parser" };
    expect((await hookIn(list, created)).status).toBe(200);
    await settled();
    const other = { session_id: crypto.randomUUID(), cwd: p.cwd, hook_event_name: "TaskCompleted", task_id: "1", task_subject: "Write the config parser" };
    expect((await hookIn(list, other)).status).toBe(200);
    await settled();
    const tasks = await projectTasks(p.key);
    expect(tasks.map((t) => [t.title, t.status])).toEqual([["Write the config parser", "completed"]]);
  });

  it("a transcript posted with the list keys its TaskCreate by the list: another session's TaskCompleted reaches it", async () => {
    const p = await freshProject();
    const list = `T${p.key}`;
    const res = await call("/transcripts", { method: "POST", body: sessionLines(p.session, p.cwd), headers: { "content-type": "application/x-ndjson", "x-taskhub-task-list": list } });
    expect(res.status).toBe(202);
    await settled();
    await hookIn(list, { session_id: crypto.randomUUID(), cwd: p.cwd, hook_event_name: "TaskCompleted", task_id: "1", task_subject: "Write the config parser" });
    await settled();
    const task = (await projectTasks(p.key)).find((t) => t.title === "Write the config parser")!;
    expect(task.status).toBe("completed");
  });

  it("an empty header, or the variable's name left uninterpolated, keeps each session's ids its own", async () => {
    const p = await freshProject();
    const created = { session_id: p.session, cwd: p.cwd, hook_event_name: "TaskCreated", task_id: "1", task_subject: "Write the config parser" };
    await hookIn("$CLAUDE_CODE_TASK_LIST_ID", created);
    await settled();
    await hookIn("", { ...created, session_id: crypto.randomUUID(), hook_event_name: "TaskCompleted" });
    await settled();
    expect((await projectTasks(p.key)).map((t) => [t.title, t.status])).toEqual([["Write the config parser", "todo"]]);
  });

  it("answers 400 invalid_task_list to a list id that is a path, and records nothing", async () => {
    const p = await freshProject();
    const res = await hookIn("../x", { session_id: p.session, cwd: p.cwd, hook_event_name: "TaskCreated", task_id: "1", task_subject: "Write it" });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("invalid_task_list");
    await settled();
    expect(await projectTasks(p.key)).toEqual([]);
  });
});

describe("POST /hooks/claude", () => {
  it("creates from the hooks of a session the same tasks its transcript does", async () => {
    const p = await freshProject();
    for (const hook of sessionHooks(p.session, p.cwd)) expect((await postHook(hook)).status).toBe(200);
    await settled();
    expect(await shown(p.key)).toEqual(EXPECTED);
  });

  it("keeps one task per intent when the transcript of a hooked session arrives later", async () => {
    const p = await freshProject();
    for (const hook of sessionHooks(p.session, p.cwd)) await postHook(hook);
    await settled();
    await postTranscript(sessionLines(p.session, p.cwd));
    await settled();
    expect(await shown(p.key)).toEqual(EXPECTED);
  });

  it("keeps one task, completed, when the prompt, TaskCreated, PostToolUse and the transcript of one intent arrive at once", async () => {
    const p = await freshProject();
    const title = "Implement user authentication for the API";
    const common = { session_id: p.session, cwd: p.cwd, transcript_path: `/home/dev/.claude/projects/x/${p.session}.jsonl`, permission_mode: "default" };
    const create = { subject: title, description: "Tokens for every route" };
    const hooks = [
      { ...common, hook_event_name: "UserPromptSubmit", prompt: PROMPT },
      { ...common, hook_event_name: "TaskCreated", task_id: "1", task_subject: title, task_description: create.description },
      { ...common, hook_event_name: "PostToolUse", tool_name: "TaskUpdate", tool_use_id: "toolu_u9", tool_input: { taskId: "1", status: "completed" }, tool_response: { success: true, taskId: "1" } },
    ];
    let i = 0;
    const line = (type: string, content: unknown, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ parentUuid: null, isSidechain: false, type, sessionId: p.session, cwd: p.cwd, version: "2.1.332", uuid: `${p.session.slice(0, 8)}-one-${++i}`, timestamp: AT, message: { role: type, content }, ...extra });
    const transcript = [
      line("user", PROMPT),
      line("assistant", [{ type: "tool_use", id: "toolu_c9", name: "TaskCreate", input: create }]),
      line("user", [{ type: "tool_result", tool_use_id: "toolu_c9", content: `Task #1 created successfully: ${title}` }], { toolUseResult: { task: { id: "1", subject: title } } }),
      line("assistant", [{ type: "tool_use", id: "toolu_u9", name: "TaskUpdate", input: { taskId: "1", status: "completed" } }]),
      line("user", [{ type: "tool_result", tool_use_id: "toolu_u9", content: "Updated task #1 status" }], { toolUseResult: { success: true, taskId: "1" } }),
      line("assistant", [{ type: "text", text: "Authentication is in place." }]),
    ].join("\n");
    const answers = await Promise.all([...hooks.map((h) => postHook(h)), postTranscript(transcript)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 202]);
    await settled();
    expect((await projectTasks(p.key)).map((t) => [t.title, t.status])).toEqual([[title, "completed"]]);
  });

  it("changes nothing when the same hook comes twice", async () => {
    const p = await freshProject();
    const [prompt] = sessionHooks(p.session, p.cwd);
    await postHook(prompt);
    await postHook(prompt);
    await settled();
    expect((await projectTasks(p.key)).length).toBe(1);
  });

  it("dates a hook's due phrase from when the hook arrived", async () => {
    const p = await freshProject();
    const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const before = tomorrow();
    await postHook({ session_id: p.session, cwd: p.cwd, hook_event_name: "UserPromptSubmit", prompt: "I need to implement the billing export by tomorrow" });
    const after = tomorrow();
    await settled();
    const [task] = await projectTasks(p.key);
    expect([before, after]).toContain(task.dueAt?.slice(0, 10));
  });

  it("answers 400 to a body that is not JSON", async () => {
    expect((await call("/hooks/claude", { method: "POST", body: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
  });

  it("answers 401 without a token", async () => {
    expect((await postHook({ session_id: "s", hook_event_name: "Stop" }, null)).status).toBe(401);
  });

  it("answers 403 to a token without the ingest scope", async () => {
    expect((await postHook({ session_id: "s", hook_event_name: "Stop" }, await tokenWith(["read"]))).status).toBe(403);
  });
});

describe("GET /api/context", () => {
  const context = async (cwd: string, token?: string) => (await (await call(`/api/context?cwd=${encodeURIComponent(cwd)}`, { token })).json()) as { project: string | null; additionalContext: string };

  it("lists open tasks most urgent first and blocked ones after everything that can start", async () => {
    const p = await freshProject();
    const hook = (tool_name: string, tool_input: unknown, tool_response: unknown) =>
      postHook({ session_id: p.session, cwd: p.cwd, hook_event_name: "PostToolUse", tool_name, tool_input, tool_response });
    await hook("TaskCreate", { subject: "Write the parser" }, { task: { id: "1", subject: "Write the parser" } });
    await hook("TaskCreate", { subject: "Test the parser" }, { task: { id: "2", subject: "Test the parser" } });
    await hook("TaskCreate", { subject: "Fix the urgent crash on startup" }, { task: { id: "3", subject: "Fix the urgent crash on startup" } });
    await hook("TaskCreate", { subject: "Old chore" }, { task: { id: "4", subject: "Old chore" } });
    await hook("TaskUpdate", { taskId: "2", addBlockedBy: ["1"] }, { success: true });
    await hook("TaskUpdate", { taskId: "4", status: "completed" }, { success: true });
    await settled();
    const lines = (await context(`${p.cwd}/src`, await tokenWith(["ingest"]))).additionalContext.split("\n").slice(1);
    expect(lines.map((l) => l.replace(/^- \S+ /, ""))).toEqual([
      expect.stringMatching(/^Fix the urgent crash on startup \[todo, (urgent|high)\]$/),
      "Write the parser [todo]",
      "Test the parser [todo, blocked]",
    ]);
  });

  it("stays within 2,000 characters and says how many more there are", async () => {
    const p = await freshProject();
    for (let i = 0; i < 40; i++) await call("/api/tasks", { method: "POST", json: { project: p.key, title: `Task number ${i} ${"with a long title ".repeat(5)}` } });
    const { additionalContext } = await context(p.cwd);
    expect(additionalContext.length).toBeLessThanOrEqual(2_000);
    expect(additionalContext).toMatch(/…and \d+ more$/);
  });

  it("is empty for a folder no project claims", async () => {
    expect(await context("/nowhere/at/all")).toEqual({ project: null, additionalContext: "" });
  });

  it("answers 401 without a token", async () => {
    expect((await call(`/api/context?cwd=/work`, { token: null })).status).toBe(401);
  });
});
