// What an ingest token may write (#13): its person's projects, its own projects, its own sessions, nothing dated ahead.
import { describe, expect, it } from "vitest";
import { call, createProject, getTask } from "../support/hub";
import { addMember, createTask, createUser, tokenFor } from "../support/people";
import { postHook, postTranscript, projectTasks, settled } from "../support/transcripts";

let n = 0;
async function freshProject() {
  const key = `RT${++n}`;
  const cwd = `/work/rt${n}`;
  await createProject(key, { paths: [cwd] });
  return { key, cwd, session: crypto.randomUUID() };
}

async function ingestToken(extra: Record<string, unknown> = {}) {
  const res = await call("/api/tokens", { method: "POST", json: { name: `ingest${++n}`, scopes: ["ingest"], ...extra } });
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; projects: string[] | null };
}

const prompt = (session_id: string, cwd: string, prompt = "I need to implement user authentication for the API") => ({
  session_id, cwd, hook_event_name: "UserPromptSubmit", prompt,
});

let line = 0;
const todoLine = (sessionId: string, cwd: string, todos: unknown[], timestamp: string) =>
  JSON.stringify({
    parentUuid: null, isSidechain: false, type: "assistant", sessionId, cwd, version: "2.1.197", uuid: `rt-line-${++line}`, timestamp,
    message: { role: "assistant", content: [{ type: "tool_use", id: `toolu_${line}`, name: "TodoWrite", input: { todos } }] },
  });
const TODOS = [{ content: "Wire the loader into startup", status: "in_progress", activeForm: "Wiring the loader" }];
const now = () => new Date().toISOString();

describe("a person's ingest token", () => {
  it("is refused with 403 in a project where the person only views, and makes no task there", async () => {
    const p = await freshProject();
    const viewer = await createUser(`viewer${n}@rt.test`);
    await addMember(p.key, viewer.id, "viewer");
    const res = await postHook(prompt(p.session, p.cwd), await tokenFor(viewer.id, ["ingest"]));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "forbidden" });
    await settled();
    expect(await projectTasks(p.key)).toEqual([]);
  });

  it("is refused with 403 in a project where the person has no role", async () => {
    const p = await freshProject();
    const stranger = await createUser(`stranger${n}@rt.test`);
    expect((await postTranscript(todoLine(p.session, p.cwd, TODOS, now()), await tokenFor(stranger.id, ["ingest"]))).status).toBe(403);
  });

  it("writes where the person is a member", async () => {
    const p = await freshProject();
    const member = await createUser(`member${n}@rt.test`);
    await addMember(p.key, member.id, "member");
    expect((await postHook(prompt(p.session, p.cwd), await tokenFor(member.id, ["ingest"]))).status).toBe(200);
    await settled();
    expect((await projectTasks(p.key)).map((t) => t.title)).toEqual(["Implement user authentication for the API"]);
  });
});

describe("a token of no person limited to named projects", () => {
  it("is created with its projects and shows them", async () => {
    expect((await ingestToken({ projects: ["RTX"] })).projects).toEqual(["RTX"]);
    expect((await ingestToken()).projects).toBeNull();
  });

  it("writes in its projects and is refused with 403 elsewhere", async () => {
    const mine = await freshProject();
    const other = await freshProject();
    const { token } = await ingestToken({ projects: [mine.key] });
    expect((await postHook(prompt(other.session, other.cwd), token)).status).toBe(403);
    expect((await postHook(prompt(mine.session, mine.cwd), token)).status).toBe(200);
    await settled();
    expect((await projectTasks(other.key)).length).toBe(0);
    expect((await projectTasks(mine.key)).length).toBe(1);
  });
});

describe("a session", () => {
  it("refuses with 409 session_owned a post under its id by another token, and the post changes nothing", async () => {
    const p = await freshProject();
    const owner = (await ingestToken()).token;
    const intruder = (await ingestToken()).token;
    expect((await postTranscript(todoLine(p.session, p.cwd, TODOS, now()), owner)).status).toBe(202);
    await settled();
    const res = await postTranscript(todoLine(p.session, p.cwd, [], now()), intruder);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "session_owned" });
    expect((await postHook(prompt(p.session, p.cwd), intruder)).status).toBe(409);
    await settled();
    expect((await projectTasks(p.key)).map((t) => [t.title, t.status])).toEqual([["Wire the loader into startup", "in_progress"]]);
  });

  it("takes posts from every token of the person who posted it first", async () => {
    const p = await freshProject();
    const person = await createUser(`owner${n}@rt.test`);
    await addMember(p.key, person.id, "member");
    expect((await postHook(prompt(p.session, p.cwd), await tokenFor(person.id, ["ingest"]))).status).toBe(200);
    expect((await postHook(prompt(p.session, p.cwd, "I need to add rate limiting"), await tokenFor(person.id, ["ingest"]))).status).toBe(200);
  });
});

describe("a transcript dated ahead of the hub's clock", () => {
  it("is refused with 400 future_timestamp and leaves the session's later lists fresh", async () => {
    const p = await freshProject();
    const res = await postTranscript(todoLine(p.session, p.cwd, [], "9999-01-01T00:00:00.000Z"));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "future_timestamp", details: { intents: 1 } });
    expect((await postTranscript(todoLine(p.session, p.cwd, TODOS, now()))).status).toBe(202);
    await settled();
    expect((await projectTasks(p.key)).map((t) => t.title)).toEqual(["Wire the loader into startup"]);
  });

  it("is read when the clock is ahead by less than five minutes", async () => {
    const p = await freshProject();
    expect((await postTranscript(todoLine(p.session, p.cwd, TODOS, new Date(Date.now() + 60_000).toISOString()))).status).toBe(202);
  });
});

describe("matching by title", () => {
  it("never completes a task made by hand from a compaction summary's pending list", async () => {
    const p = await freshProject();
    const manual = await createTask(p.key, "Rotate the API keys");
    const summary = JSON.stringify({
      parentUuid: null, isSidechain: false, type: "user", sessionId: p.session, cwd: p.cwd, version: "2.1.197", uuid: `rt-line-${++line}`, timestamp: now(),
      isCompactSummary: true, isVisibleInTranscriptOnly: true,
      message: { role: "user", content: "This session is being continued from a previous conversation.\n\nSummary:\n7. Pending Tasks:\n   - Rotate the API keys (done)\n" },
    });
    expect((await postTranscript(summary, (await ingestToken()).token)).status).toBe(202);
    await settled();
    expect((await getTask(manual.key))?.status).toBe("todo");
  });
});
