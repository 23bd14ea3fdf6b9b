import { expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { dependOn } from "./dependency-helper";

async function task(project: string, title: string, extra: Record<string, unknown> = {}) {
  const res = await call("/api/tasks", { method: "POST", json: { project, title, ...extra } });
  expect(res.status).toBe(201);
  return (await res.json()) as { key: string };
}
const keys = async (path: string) => ((await (await call(path)).json()) as { tasks: { key: string }[] }).tasks.map((t) => t.key);

it("GET /api/tasks filters by due before and after", async () => {
  await createProject("DUE");
  await task("DUE", "early", { dueAt: "2030-01-01T00:00:00Z" });
  await task("DUE", "late", { dueAt: "2030-06-01T00:00:00Z" });
  await task("DUE", "undated");
  expect(await keys("/api/tasks?project=DUE&dueBefore=2030-03-01T00:00:00Z")).toEqual(["DUE-1"]);
  expect(await keys("/api/tasks?project=DUE&dueAfter=2030-03-01T00:00:00Z")).toEqual(["DUE-2"]);
});

it("GET /api/tasks?blocked= separates tasks waiting on an open blocker", async () => {
  await createProject("BLK");
  const a = await task("BLK", "blocker");
  const b = await task("BLK", "waits");
  await dependOn(b.key, a.key);
  expect(await keys("/api/tasks?project=BLK&blocked=true")).toEqual([b.key]);
  expect(await keys("/api/tasks?project=BLK&blocked=false")).toEqual([a.key]);
});

it("GET /api/tasks?q= searches text and pages with a cursor", async () => {
  await createProject("SRCH");
  for (const t of ["fix login bug", "write docs", "login page polish", "login rate limit"]) await task("SRCH", t);
  const first = (await (await call("/api/tasks?project=SRCH&q=login&limit=2")).json()) as { tasks: { title: string }[]; nextCursor: string };
  expect(first.tasks.map((t) => t.title)).toEqual(["fix login bug", "login page polish"]);
  const second = (await (await call(`/api/tasks?project=SRCH&q=login&limit=2&cursor=${first.nextCursor}`)).json()) as { tasks: { title: string }[]; nextCursor: string | null };
  expect(second.tasks.map((t) => t.title)).toEqual(["login rate limit"]);
  expect(second.nextCursor).toBeNull();
});

it("DELETE /api/tasks/:key removes the task and logs the deletion", async () => {
  await createProject("DEL");
  const t = await task("DEL", "to go");
  await call(`/api/tasks/${t.key}/comments`, { method: "POST", json: { body: "a comment that goes too" } });
  expect((await call(`/api/tasks/${t.key}`, { method: "DELETE" })).status).toBe(200);
  expect((await call(`/api/tasks/${t.key}`)).status).toBe(404);
});

it("POST /api/tasks/:key/comments adds a comment listed back in order", async () => {
  await createProject("COM");
  const t = await task("COM", "discuss");
  for (const body of ["first", "second"]) expect((await call(`/api/tasks/${t.key}/comments`, { method: "POST", json: { body } })).status).toBe(201);
  const res = (await (await call(`/api/tasks/${t.key}/comments`)).json()) as { comments: { body: string; author: string }[] };
  expect(res.comments.map((c) => c.body)).toEqual(["first", "second"]);
});

it("POST /api/tasks/:key/time logs minutes and GET totals them", async () => {
  await createProject("TIME");
  const t = await task("TIME", "work");
  await call(`/api/tasks/${t.key}/time`, { method: "POST", json: { minutes: 30 } });
  await call(`/api/tasks/${t.key}/time`, { method: "POST", json: { minutes: 45, note: "pairing" } });
  const res = (await (await call(`/api/tasks/${t.key}/time`)).json()) as { totalMinutes: number; timeEntries: unknown[] };
  expect(res).toMatchObject({ totalMinutes: 75 });
  expect(res.timeEntries).toHaveLength(2);
});

it("a read token cannot comment", async () => {
  await createProject("RO");
  const t = await task("RO", "look only");
  const tok = (await (await call("/api/tokens", { method: "POST", json: { name: "reader", scopes: ["read"] } })).json()) as { token: string };
  expect((await call(`/api/tasks/${t.key}/comments`, { method: "POST", token: tok.token, json: { body: "hi" } })).status).toBe(403);
});

it("POST /api/tasks with parent makes a subtask; GET shows parent and subtasks; PUT parent: null detaches", async () => {
  await createProject("SUB");
  const epic = await task("SUB", "epic");
  const step = await task("SUB", "step", { parent: epic.key });
  const detail = async (key: string) => (await (await call(`/api/tasks/${key}`)).json()) as { parent: string | null; subtasks: string[]; status: string };
  expect(await detail(epic.key)).toMatchObject({ parent: null, subtasks: [step.key] });
  expect(await detail(step.key)).toMatchObject({ parent: epic.key, subtasks: [] });
  expect((await call(`/api/tasks/${step.key}`, { method: "PUT", json: { parent: null } })).status).toBe(200);
  expect(await detail(epic.key)).toMatchObject({ subtasks: [] });
});

it("PUT /api/tasks/:key refuses a parent that would make the task its own ancestor with 409 and the loop", async () => {
  await createProject("SUBC");
  const a = await task("SUBC", "a");
  const b = await task("SUBC", "b", { parent: a.key });
  const res = await call(`/api/tasks/${a.key}`, { method: "PUT", json: { parent: b.key } });
  expect(res.status).toBe(409);
  expect(await res.json()).toMatchObject({ details: { path: [a.key, b.key, a.key] } });
});

it("POST /api/tasks refuses a parent in another project with 400 and creates nothing", async () => {
  await createProject("SUBX");
  await createProject("SUBY");
  const other = await task("SUBY", "elsewhere");
  const res = await call("/api/tasks", { method: "POST", json: { project: "SUBX", title: "here", parent: other.key } });
  expect(res.status).toBe(400);
  expect(await keys("/api/tasks?project=SUBX")).toEqual([]);
});

it("completing the last open subtask leaves the parent open", async () => {
  await createProject("SUBD");
  const epic = await task("SUBD", "epic");
  const step = await task("SUBD", "step", { parent: epic.key });
  expect((await call(`/api/tasks/${step.key}`, { method: "PUT", json: { status: "completed" } })).status).toBe(200);
  expect(((await (await call(`/api/tasks/${epic.key}`)).json()) as { status: string }).status).toBe("todo");
});
