import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import { BASE, call, createProject } from "../support/hub";
import { connect, textOf } from "../support/mcp";
import { dependOn } from "./dependency-helper";

it("the whole tool list costs under 2,000 tokens (characters / 4)", async () => {
  const client = await connect();
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(["add_comment", "add_dependency", "create_task", "get_run", "get_task", "list_runs", "list_tasks", "next_task", "update_task"]);
  const tokens = JSON.stringify(tools).length / 4;
  console.log(`MCP tool list: ${JSON.stringify(tools).length} characters ≈ ${Math.round(tokens)} tokens`);
  expect(tokens).toBeLessThan(2000);
});

it("create_task, update_task and get_task change and read a task", async () => {
  await createProject("MCP");
  const client = await connect();
  expect(textOf(await client.callTool({ name: "create_task", arguments: { project: "MCP", title: "wire it", priority: "high" } }))).toBe("created MCP-1 [todo] high: wire it");
  await client.callTool({ name: "update_task", arguments: { key: "MCP-1", status: "in_progress", due: "2031-01-02T00:00:00Z" } });
  const got = textOf(await client.callTool({ name: "get_task", arguments: { key: "MCP-1" } }));
  expect(got.split("\n")[0]).toBe("MCP-1 [in_progress] high due 2031-01-02: wire it");
});

it("create_task and update_task set a parent; get_task names parent and subtasks", async () => {
  await createProject("MCPS");
  const client = await connect();
  await client.callTool({ name: "create_task", arguments: { project: "MCPS", title: "epic" } });
  await client.callTool({ name: "create_task", arguments: { project: "MCPS", title: "step", parent: "MCPS-1" } });
  await client.callTool({ name: "create_task", arguments: { project: "MCPS", title: "later" } });
  await client.callTool({ name: "update_task", arguments: { key: "MCPS-3", parent: "MCPS-1" } });
  expect(textOf(await client.callTool({ name: "get_task", arguments: { key: "MCPS-1" } }))).toContain("subtasks: MCPS-2, MCPS-3");
  expect(textOf(await client.callTool({ name: "get_task", arguments: { key: "MCPS-2" } }))).toContain("subtask of: MCPS-1");
  await client.callTool({ name: "update_task", arguments: { key: "MCPS-3", parent: "" } });
  expect(textOf(await client.callTool({ name: "get_task", arguments: { key: "MCPS-1" } }))).toMatch(/^subtasks: MCPS-2$/m);
});

it("list_tasks answers at most 20 lines", async () => {
  await createProject("MANY");
  for (let i = 1; i <= 25; i++) await call("/api/tasks", { method: "POST", json: { project: "MANY", title: `t${i}` } });
  const client = await connect();
  const lines = textOf(await client.callTool({ name: "list_tasks", arguments: { project: "MANY" } })).split("\n");
  expect(lines.filter((l) => l.startsWith("MANY-"))).toHaveLength(20);
  expect(lines.length).toBeLessThanOrEqual(21);
});

it("next_task skips blocked work and prefers priority", async () => {
  await createProject("NXT", { paths: ["/work/nxt"] });
  for (const [title, priority] of [["low one", "low"], ["urgent but blocked", "urgent"], ["high one", "high"]]) {
    await call("/api/tasks", { method: "POST", json: { project: "NXT", title, priority } });
  }
  await dependOn("NXT-2", "NXT-1");
  const client = await connect();
  expect(textOf(await client.callTool({ name: "next_task", arguments: { cwd: "/work/nxt/src" } }))).toBe("NXT-3 [todo] high: high one");
});

it("add_comment is refused for a read-only token", async () => {
  await createProject("MRO");
  await call("/api/tasks", { method: "POST", json: { project: "MRO", title: "x" } });
  const tok = (await (await call("/api/tokens", { method: "POST", json: { name: "reader", scopes: ["read"] } })).json()) as { token: string };
  const r = await (await connect(tok.token)).callTool({ name: "add_comment", arguments: { key: "MRO-1", body: "hi" } });
  expect(r.isError).toBe(true);
  expect(textOf(r)).toMatch(/^forbidden/);
});

it("/mcp without a token is refused with 401", async () => {
  const res = await SELF.fetch(`${BASE}/mcp`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: "{}" });
  expect(res.status).toBe(401);
});
