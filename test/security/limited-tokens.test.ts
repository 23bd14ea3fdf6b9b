// A token of no person made for named projects (#13): every other project is as if it did not exist, on REST and MCP.
import { describe, expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { connect, textOf } from "../support/mcp";

async function limitedToken(projects: string[], scopes = ["read", "write"]) {
  const res = await call("/api/tokens", { method: "POST", json: { name: `svc-${crypto.randomUUID().slice(0, 8)}`, scopes, projects } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function task(project: string, title: string) {
  const res = await call("/api/tasks", { method: "POST", json: { project, title } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

describe("a token of no person limited to named projects", () => {
  it("reads and writes its own project", async () => {
    await createProject("LTA");
    const token = await limitedToken(["LTA"]);
    const key = await task("LTA", "Ship the limited token");
    expect((await call(`/api/tasks/${key}`, { token })).status).toBe(200);
    expect((await call("/api/tasks", { method: "POST", token, json: { project: "LTA", title: "Made by the service" } })).status).toBe(201);
  });

  it("finds no task of another project and cannot write there, as if it did not exist", async () => {
    await createProject("LTB");
    await createProject("LTC");
    const token = await limitedToken(["LTB"]);
    const other = await task("LTC", "Not for the service");
    expect((await call(`/api/tasks/${other}`, { token })).status).toBe(404);
    expect((await call(`/api/tasks/${other}`, { method: "PUT", token, json: { title: "Renamed by a stranger" } })).status).toBe(404);
    expect((await call("/api/tasks", { method: "POST", token, json: { project: "LTC", title: "Planted" } })).status).toBe(404);
    const after = await call(`/api/tasks/${other}`);
    expect((await after.json()).title).toBe("Not for the service");
  });

  it("lists only its projects' tasks and projects", async () => {
    await createProject("LTD");
    await createProject("LTE");
    const token = await limitedToken(["LTD"]);
    await task("LTD", "Listed");
    await task("LTE", "Not listed");
    const tasks = (await (await call("/api/tasks?limit=200", { token })).json()).tasks as { projectKey: string }[];
    expect(tasks.length).toBeGreaterThan(0);
    expect(new Set(tasks.map((t) => t.projectKey))).toEqual(new Set(["LTD"]));
    const projects = (await (await call("/api/projects", { token })).json()) as { projects?: { key: string }[] } | { key: string }[];
    const keys = (Array.isArray(projects) ? projects : projects.projects ?? []).map((p) => p.key);
    expect(keys).toEqual(["LTD"]);
  });

  it("cannot reach another project's task through MCP either", async () => {
    await createProject("LTF");
    await createProject("LTG");
    const token = await limitedToken(["LTF"]);
    const other = await task("LTG", "Hidden from MCP");
    const client = await connect(token);
    const got = await client.callTool({ name: "get_task", arguments: { key: other } });
    expect(got.isError).toBe(true);
    expect(textOf(got)).not.toContain("Hidden from MCP");
  });
});
