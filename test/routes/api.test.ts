// The REST API's spine: projects, tasks, tokens, and the error shape for every refusal.
import { describe, expect, it } from "vitest";
import { call, createProject } from "../support/hub";

async function issueToken(scopes: string[]) {
  const res = await call("/api/tokens", { method: "POST", json: { name: `t-${scopes.join("-")}`, scopes } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; token: string };
}

describe("projects", () => {
  it("creates a project with 201 and refuses the same key again with 409", async () => {
    expect((await call("/api/projects", { method: "POST", json: { key: "APIA", name: "A" } })).status).toBe(201);
    const again = await call("/api/projects", { method: "POST", json: { key: "APIA", name: "A again" } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "conflict", message: expect.stringContaining("APIA") });
  });

  it("answers 400 with the zod issues for an invalid key", async () => {
    const res = await call("/api/projects", { method: "POST", json: { key: "bad key", name: "x" } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ code: "invalid_request", requestId: expect.any(String), timestamp: expect.any(String) });
    expect(body.details[0].path).toEqual(["key"]);
  });
});

describe("tasks", () => {
  it("creates tasks numbered per project and reads one back with its activity", async () => {
    await createProject("APIT");
    const a = await (await call("/api/tasks", { method: "POST", json: { project: "APIT", title: "First", priority: "high" } })).json();
    const b = await (await call("/api/tasks", { method: "POST", json: { project: "APIT", title: "Second" } })).json();
    expect([a.key, b.key]).toEqual(["APIT-1", "APIT-2"]);
    const detail = await (await call("/api/tasks/APIT-1")).json();
    expect(detail).toMatchObject({ title: "First", priority: "high", status: "todo", projectKey: "APIT" });
    expect(detail.activity.map((x: { action: string }) => x.action)).toEqual(["created"]);
  });

  it("changes a task's status and writes one activity row for it", async () => {
    await createProject("APIS");
    await call("/api/tasks", { method: "POST", json: { project: "APIS", title: "Move me" } });
    const res = await call("/api/tasks/APIS-1/status", { method: "PUT", json: { status: "in_progress" } });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("in_progress");
    const detail = await (await call("/api/tasks/APIS-1")).json();
    expect(detail.activity.map((x: { action: string }) => x.action)).toEqual(["status_changed", "created"]);
  });

  it("updates title, priority and due date with PUT", async () => {
    await createProject("APIU");
    await call("/api/tasks", { method: "POST", json: { project: "APIU", title: "Old" } });
    const res = await call("/api/tasks/APIU-1", { method: "PUT", json: { title: "New", priority: "urgent", dueAt: "2026-12-01T12:00:00Z" } });
    expect(await res.json()).toMatchObject({ title: "New", priority: "urgent", dueAt: "2026-12-01T12:00:00Z" });
  });

  it("answers 404 for a task that does not exist", async () => {
    const res = await call("/api/tasks/NOPE-9");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "not_found" });
  });

  it("answers 404 when creating a task in a project that does not exist", async () => {
    const res = await call("/api/tasks", { method: "POST", json: { project: "GHOST", title: "x" } });
    expect(res.status).toBe(404);
  });

  it("refuses an unknown status with 400", async () => {
    await createProject("APIB");
    await call("/api/tasks", { method: "POST", json: { project: "APIB", title: "x" } });
    const res = await call("/api/tasks/APIB-1/status", { method: "PUT", json: { status: "done-ish" } });
    expect(res.status).toBe(400);
  });

  it("pages through a project's tasks with a cursor", async () => {
    await createProject("APIP");
    for (let i = 1; i <= 5; i++) await call("/api/tasks", { method: "POST", json: { project: "APIP", title: `T${i}` } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { tasks: { key: string }[]; nextCursor: string | null } = await (
        await call(`/api/tasks?project=APIP&limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).json();
      seen.push(...page.tasks.map((t) => t.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["APIP-1", "APIP-2", "APIP-3", "APIP-4", "APIP-5"]);
  });

  it("filters by status", async () => {
    await createProject("APIF");
    await call("/api/tasks", { method: "POST", json: { project: "APIF", title: "open" } });
    await call("/api/tasks", { method: "POST", json: { project: "APIF", title: "done" } });
    await call("/api/tasks/APIF-2/status", { method: "PUT", json: { status: "completed" } });
    const body = await (await call("/api/tasks?project=APIF&status=completed")).json();
    expect(body.tasks.map((t: { key: string }) => t.key)).toEqual(["APIF-2"]);
  });
});

describe("tokens", () => {
  it("refuses a request without a token with 401", async () => {
    const res = await call("/api/tasks", { token: null });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "unauthorized" });
  });

  it("refuses a wrong token with 401", async () => {
    expect((await call("/api/tasks", { token: "th_wrong" })).status).toBe(401);
  });

  it("issues a scoped token that can read but not write", async () => {
    const { token } = await issueToken(["read"]);
    expect((await call("/api/tasks", { token })).status).toBe(200);
    const write = await call("/api/projects", { method: "POST", token, json: { key: "NOPE", name: "x" } });
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({ code: "forbidden" });
  });

  it("stops accepting a token once it is revoked", async () => {
    const { id, token } = await issueToken(["read"]);
    expect((await call(`/api/tokens/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await call("/api/tasks", { token })).status).toBe(401);
  });

  it("never returns a token's secret or hash when listing", async () => {
    const { token } = await issueToken(["ingest"]);
    const text = await (await call("/api/tokens")).text();
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/"hash"/);
  });

  it("keeps an ingest token out of the REST API", async () => {
    const { token } = await issueToken(["ingest"]);
    expect((await call("/api/tasks", { token })).status).toBe(403);
  });
});
