// The project-role half of the authorisation matrix: each route family (REST, MCP tools, dashboard forms) × viewer, member, owner, member of another project.
// auth-matrix.test.ts holds the token half (no token, wrong token, revoked token, scopes) for every REST operation; the MCP and dashboard token cells are here.

import { env, SELF } from "cloudflare:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it, vi } from "vitest";
import { D1Store } from "../../src/integrations/store-d1";
import { BASE, call, type TestResponse } from "../support/hub";

vi.setConfig({ testTimeout: 60_000 });

type Who = "viewer" | "member" | "owner" | "outsider";
type Action = "read" | "write" | "manage";
const WHO: Who[] = ["viewer", "member", "owner", "outsider"];

/** The rule under test (domain/permissions.ts): ok, 403 when the role falls short, 404 when the person has no role in the project. */
const EXPECTED: Record<Action, Record<Who, "ok" | 403 | 404>> = {
  read: { viewer: "ok", member: "ok", owner: "ok", outsider: 404 },
  write: { viewer: 403, member: "ok", owner: "ok", outsider: 404 },
  manage: { viewer: 403, member: 403, owner: "ok", outsider: 404 },
};

// Set-up writes go through admin-scope tokens of no person, a fresh one every 50 writes: the hub limits writes per token.
let seeder: { token: string; used: number } | null = null;
async function seed(path: string, init: { method?: string; json?: unknown } = {}): Promise<TestResponse> {
  if (!seeder || seeder.used >= 50) {
    const res = await call("/api/tokens", { method: "POST", json: { name: "role-matrix-seeder", scopes: ["admin"] } });
    seeder = { token: ((await res.json()) as { token: string }).token, used: 0 };
  }
  seeder.used++;
  const res = await call(path, { ...init, token: seeder.token });
  if (res.status >= 300) throw new Error(`seed ${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function token(scopes: string[], userId?: string) {
  const res = await seed("/api/tokens", { method: "POST", json: { name: `role-${scopes.join("-")}`, scopes, ...(userId ? { userId } : {}) } });
  return (await res.json()) as { id: string; token: string };
}

async function person(name: string) {
  const res = await seed("/api/users", { method: "POST", json: { email: `${name}-${crypto.randomUUID()}@roles.test`, name } });
  return ((await res.json()) as { id: string }).id;
}

async function newTask(project: string, title: string) {
  return ((await (await seed("/api/tasks", { method: "POST", json: { project, title } })).json()) as { key: string }).key;
}

interface World {
  mine: string;
  other: string;
  task: string;
  blocker: string;
  target: string;
  otherTask: string;
  /** A link-commits run (its event id) of a Claude Code hook delivery in mine's folder, so of mine. */
  run: string;
  tokens: Record<Who, string>;
}

let built: Promise<World> | null = null;
const world = () => (built ??= build());

async function build(): Promise<World> {
  const suffix = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
  const mine = `RM${suffix}`;
  const other = `RO${suffix}`;
  await seed("/api/projects", { method: "POST", json: { key: mine, name: "mine", paths: [`/work/rm${suffix}`] } });
  await seed("/api/projects", { method: "POST", json: { key: other, name: "other" } });
  const task = await newTask(mine, "role target");
  const blocker = await newTask(mine, "role blocker");
  const otherTask = await newTask(other, "not yours");
  const tokens = {} as Record<Who, string>;
  for (const who of WHO) {
    const id = await person(who);
    await seed(`/api/projects/${who === "outsider" ? other : mine}/members/${id}`, { method: "PUT", json: { role: who === "outsider" ? "member" : who } });
    // A fresh write token per person and family would be tidier; one per person stays under the write limit.
    tokens[who] = (await token(["write"], id)).token;
  }
  const target = await person("target");
  const run = `hook:${crypto.randomUUID()}`;
  const store = new D1Store(env.DB);
  const at = new Date().toISOString();
  await store.recordDelivery({ id: run, source: "hook", event: "Stop", payload: JSON.stringify({ cwd: `/work/rm${suffix}` }), at });
  await store.traceRunStarted({ workflow: "link-commits", eventId: run, deliveryId: run, engine: "cloudflare", input: "{}", at });
  return { mine, other, task, blocker, target, otherTask, run, tokens };
}

/** ok is a 2xx for the API; a dashboard form's ok is its 303 back to the page (okBelow 400). */
async function expectOutcome(res: TestResponse, want: "ok" | 403 | 404, okBelow = 300) {
  if (want === "ok") expect(res.status, await res.clone().text()).toBeLessThan(okBelow);
  else {
    expect(res.status).toBe(want);
    expect(await res.json()).toMatchObject({ code: want === 403 ? "forbidden" : "not_found", requestId: expect.any(String) });
  }
}

interface RestOp {
  name: string;
  action: Action;
  /** Set-up for this cell alone (a task to delete, a dependency to remove); returns what send needs. */
  prepare?: (w: World) => Promise<string>;
  send: (w: World, token: string, prepared: string) => Promise<TestResponse>;
}

const runPath = (w: World) => `/api/runs/link-commits/${encodeURIComponent(w.run)}`;
const put = (path: string, token: string, json: unknown) => call(path, { method: "PUT", token, json });
const post = (path: string, token: string, json: unknown) => call(path, { method: "POST", token, json });
const del = (path: string, token: string) => call(path, { method: "DELETE", token });

const REST: Record<string, RestOp[]> = {
  tasks: [
    { name: "GET /api/tasks/{key}", action: "read", send: (w, t) => call(`/api/tasks/${w.task}`, { token: t }) },
    { name: "POST /api/tasks", action: "write", send: (w, t) => post("/api/tasks", t, { project: w.mine, title: "made by a cell" }) },
    {
      name: "POST /api/import/tracker",
      action: "write",
      send: (w, t) => post(`/api/import/tracker?project=${w.mine}`, t, { from: "claude-tasks", listId: "cell", files: [{ path: "1.json", text: '{"id":"1","subject":"from a list","status":"pending","blocks":[],"blockedBy":[]}' }] }),
    },
    { name: "PUT /api/tasks/{key}", action: "write", send: (w, t) => put(`/api/tasks/${w.task}`, t, { priority: "high" }) },
    { name: "PUT /api/tasks/{key}/status", action: "write", send: (w, t) => put(`/api/tasks/${w.task}/status`, t, { status: "in_progress" }) },
    { name: "DELETE /api/tasks/{key}", action: "write", prepare: (w) => newTask(w.mine, "to delete"), send: (_w, t, key) => del(`/api/tasks/${key}`, t) },
    { name: "GET /api/tasks/{key}/comments", action: "read", send: (w, t) => call(`/api/tasks/${w.task}/comments`, { token: t }) },
    { name: "POST /api/tasks/{key}/comments", action: "write", send: (w, t) => post(`/api/tasks/${w.task}/comments`, t, { body: "a cell's comment" }) },
    { name: "GET /api/tasks/{key}/time", action: "read", send: (w, t) => call(`/api/tasks/${w.task}/time`, { token: t }) },
    { name: "POST /api/tasks/{key}/time", action: "write", send: (w, t) => post(`/api/tasks/${w.task}/time`, t, { minutes: 5 }) },
    { name: "POST /api/tasks/{key}/dependencies", action: "write", send: (w, t) => post(`/api/tasks/${w.task}/dependencies`, t, { dependsOn: w.blocker }) },
    {
      name: "DELETE /api/tasks/{key}/dependencies/{dependsOn}",
      action: "write",
      prepare: async (w) => {
        const key = await newTask(w.mine, "waits");
        await seed(`/api/tasks/${key}/dependencies`, { method: "POST", json: { dependsOn: w.blocker } });
        return key;
      },
      send: (w, t, key) => del(`/api/tasks/${key}/dependencies/${w.blocker}`, t),
    },
  ],
  projects: [
    { name: "GET /api/projects/{key}", action: "read", send: (w, t) => call(`/api/projects/${w.mine}`, { token: t }) },
    { name: "PUT /api/projects/{key}", action: "manage", send: (w, t) => put(`/api/projects/${w.mine}`, t, { description: "set by a cell" }) },
    { name: "GET /api/projects/{key}/tasks", action: "read", send: (w, t) => call(`/api/projects/${w.mine}/tasks`, { token: t }) },
    { name: "GET /api/projects/{key}/members", action: "read", send: (w, t) => call(`/api/projects/${w.mine}/members`, { token: t }) },
    { name: "PUT /api/projects/{key}/members/{userId}", action: "manage", send: (w, t) => put(`/api/projects/${w.mine}/members/${w.target}`, t, { role: "viewer" }) },
    {
      name: "DELETE /api/projects/{key}/members/{userId}",
      action: "manage",
      prepare: async (w) => (await seed(`/api/projects/${w.mine}/members/${w.target}`, { method: "PUT", json: { role: "member" } }), w.target),
      send: (w, t, id) => del(`/api/projects/${w.mine}/members/${id}`, t),
    },
  ],
  export: [{ name: "GET /api/export", action: "read", send: (w, t) => call(`/api/export?project=${w.mine}`, { token: t }) }],
  runs: [{ name: "GET /api/runs/{workflow}/{eventId}", action: "read", send: (w, t) => call(runPath(w), { token: t }) }],
};

for (const [family, ops] of Object.entries(REST)) {
  describe(`REST ${family}: project roles`, () => {
    for (const op of ops) {
      for (const who of WHO) {
        const want = EXPECTED[op.action][who];
        it(`${op.name}: ${who} → ${want}`, async () => {
          const w = await world();
          const prepared = op.prepare ? await op.prepare(w) : "";
          await expectOutcome(await op.send(w, w.tokens[who], prepared), want);
        });
      }
    }
  });
}

describe("REST: operator-only routes refuse every role", () => {
  for (const who of WHO) {
    it(`GET /api/tokens: ${who} (a person's write token) → 403`, async () => {
      await expectOutcome(await call("/api/tokens", { token: (await world()).tokens[who] }), 403);
    });

    it(`POST /api/import: ${who} → 403`, async () => {
      const res = await call("/api/import", { method: "POST", token: (await world()).tokens[who], body: "", headers: { "content-type": "application/x-ndjson" } });
      await expectOutcome(res, 403);
    });

    for (const verb of ["rerun", "cancel"]) {
      it(`POST /api/runs/{workflow}/{eventId}/${verb}: ${who} → 403`, async () => {
        const w = await world();
        await expectOutcome(await post(`${runPath(w)}/${verb}`, w.tokens[who], {}), 403);
      });
    }

    it(`POST /api/runs/replay: ${who} → 403`, async () => {
      const w = await world();
      await expectOutcome(await post("/api/runs/replay", w.tokens[who], { ids: [w.run] }), 403);
    });
  }
});

describe("REST listings show only what the caller may read", () => {
  const keysOf = async (res: TestResponse) => ((await res.json()) as { tasks: { key: string }[] }).tasks.map((t) => t.key);

  for (const who of ["viewer", "member", "owner"] as const) {
    it(`GET /api/tasks?project= lists the project's tasks to a ${who}`, async () => {
      const w = await world();
      expect(await keysOf(await call(`/api/tasks?project=${w.mine}&limit=200`, { token: w.tokens[who] }))).toContain(w.task);
    });
  }

  it("GET /api/tasks?project= lists nothing to a member of another project", async () => {
    const w = await world();
    expect(await keysOf(await call(`/api/tasks?project=${w.mine}`, { token: w.tokens.outsider }))).toEqual([]);
  });

  it("GET /api/tasks without a project lists only the caller's projects' tasks", async () => {
    const w = await world();
    const keys = await keysOf(await call(`/api/tasks?limit=200&q=${encodeURIComponent("not yours")}`, { token: w.tokens.viewer }));
    expect(keys).not.toContain(w.otherTask);
  });

  it("GET /api/tasks without a project still lists the other project's task to its member", async () => {
    const w = await world();
    const keys = await keysOf(await call(`/api/tasks?limit=200&q=${encodeURIComponent("not yours")}`, { token: w.tokens.outsider }));
    expect(keys).toContain(w.otherTask);
  });

  it("GET /api/projects lists only the projects where the person holds a role", async () => {
    const w = await world();
    const keys = ((await (await call("/api/projects", { token: w.tokens.viewer })).json()) as { projects: { key: string }[] }).projects.map((p) => p.key);
    expect(keys).toEqual([w.mine]);
  });

  it("GET /api/projects lists every project to a read token of no person", async () => {
    const w = await world();
    const t = await token(["read"]);
    const keys = ((await (await call("/api/projects", { token: t.token })).json()) as { projects: { key: string }[] }).projects.map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining([w.mine, w.other]));
  });

  it("GET /api/runs lists the project's deliveries to a viewer", async () => {
    const w = await world();
    const ids = ((await (await call("/api/runs?limit=100", { token: w.tokens.viewer })).json()) as { runs: { delivery: { id: string } }[] }).runs.map((r) => r.delivery.id);
    expect(ids).toContain(w.run);
  });

  it("GET /api/runs lists nothing of the project to a member of another project", async () => {
    const w = await world();
    const ids = ((await (await call("/api/runs?limit=100", { token: w.tokens.outsider })).json()) as { runs: { delivery: { id: string } }[] }).runs.map((r) => r.delivery.id);
    expect(ids).not.toContain(w.run);
  });

  it("GET /api/context gives a person no context for a project they are not in", async () => {
    const w = await world();
    const res = await call(`/api/context?cwd=${encodeURIComponent(`/work/rm${w.mine.slice(2)}/src`)}`, { token: w.tokens.outsider });
    expect(await res.json()).toEqual({ project: null, additionalContext: "" });
  });
});

describe("token semantics with roles", () => {
  it("an admin-scope token bound to a person acts where that person has no role", async () => {
    const w = await world();
    const id = await person("admin-person");
    const t = await token(["admin"], id);
    await expectOutcome(await put(`/api/projects/${w.mine}`, t.token, { description: "by an admin person" }), "ok");
  });

  it("an owner's read token cannot change a task (its scope limits the role)", async () => {
    const w = await world();
    const id = await person("owner-reader");
    await seed(`/api/projects/${w.mine}/members/${id}`, { method: "PUT", json: { role: "owner" } });
    const t = await token(["read"], id);
    expect((await put(`/api/tasks/${w.task}/status`, t.token, { status: "review" })).status).toBe(403);
  });

  it("a write token of no person changes a task in any project", async () => {
    const w = await world();
    const t = await token(["write"]);
    await expectOutcome(await put(`/api/tasks/${w.otherTask}`, t.token, { priority: "low" }), "ok");
  });

  it("a write token of no person cannot manage members", async () => {
    const w = await world();
    const t = await token(["write"]);
    await expectOutcome(await put(`/api/projects/${w.mine}/members/${w.target}`, t.token, { role: "member" }), 403);
  });
});

// MCP: a tool refused answers isError with our error code first, so Claude can read why.
async function mcpClient(token: string | null, headers: Record<string, string> = {}) {
  const client = new Client({ name: "role-matrix", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    requestInit: { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } },
    fetch: (url, init) => SELF.fetch(url, init),
  });
  await client.connect(transport);
  return client;
}

interface McpOp {
  tool: string;
  action: Action;
  args: (w: World) => Record<string, unknown>;
}

const MCP: McpOp[] = [
  { tool: "get_task", action: "read", args: (w) => ({ key: w.task }) },
  { tool: "next_task", action: "read", args: (w) => ({ project: w.mine }) },
  { tool: "create_task", action: "write", args: (w) => ({ project: w.mine, title: "made over MCP" }) },
  { tool: "update_task", action: "write", args: (w) => ({ key: w.task, priority: "urgent" }) },
  { tool: "add_comment", action: "write", args: (w) => ({ key: w.task, body: "over MCP" }) },
  { tool: "add_dependency", action: "write", args: (w) => ({ key: w.task, dependsOn: w.blocker }) },
  { tool: "get_run", action: "read", args: (w) => ({ workflow: "link-commits", eventId: w.run }) },
];

describe("MCP tools: project roles", () => {
  for (const op of MCP) {
    for (const who of WHO) {
      const want = EXPECTED[op.action][who];
      it(`${op.tool}: ${who} → ${want}`, async () => {
        const w = await world();
        const client = await mcpClient(w.tokens[who]);
        const r = await client.callTool({ name: op.tool, arguments: op.args(w) });
        const text = (r.content as { text: string }[])[0].text;
        if (want === "ok") expect(r.isError, text).toBeFalsy();
        else expect(text).toMatch(want === 403 ? /^forbidden:/ : /^not_found:/);
      });
    }
  }

  it("list_tasks shows a member of another project none of this project's tasks", async () => {
    const w = await world();
    const r = await (await mcpClient(w.tokens.outsider)).callTool({ name: "list_tasks", arguments: { project: w.mine } });
    expect((r.content as { text: string }[])[0].text).toBe("no tasks");
  });

  it("list_runs shows a member of another project none of this project's deliveries", async () => {
    const w = await world();
    const r = await (await mcpClient(w.tokens.outsider)).callTool({ name: "list_runs", arguments: {} });
    expect((r.content as { text: string }[])[0].text).not.toContain(w.run);
  });

  it("list_runs shows a viewer this project's deliveries", async () => {
    const w = await world();
    const r = await (await mcpClient(w.tokens.viewer)).callTool({ name: "list_runs", arguments: {} });
    expect((r.content as { text: string }[])[0].text).toContain(w.run);
  });

  it("list_tasks shows a viewer this project's tasks", async () => {
    const w = await world();
    const r = await (await mcpClient(w.tokens.viewer)).callTool({ name: "list_tasks", arguments: { project: w.mine } });
    expect((r.content as { text: string }[])[0].text).toContain(w.task);
  });
});

/** Tools that list rather than act on one project: their cells are the listing tests above. */
const LISTING_TOOLS = ["list_tasks", "list_runs"];

describe("MCP: every tool is in the matrix", () => {
  it("the tools the server lists are the matrix's tools and listings, no more", async () => {
    const { tools } = await (await mcpClient((await token(["read"])).token)).listTools();
    const covered = new Set([...MCP.map((op) => op.tool), ...LISTING_TOOLS]);
    expect(tools.map((t) => t.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  for (const op of MCP.filter((o) => o.action !== "read")) {
    it(`${op.tool}: a read token of no person → forbidden`, async () => {
      const w = await world();
      const r = await (await mcpClient((await token(["read"])).token)).callTool({ name: op.tool, arguments: op.args(w) });
      expect((r.content as { text: string }[])[0].text).toMatch(/^forbidden:/);
    });
  }

  for (const op of MCP) {
    it(`${op.tool}: a write token of no person acts in any project`, async () => {
      const w = await world();
      const r = await (await mcpClient((await token(["write"])).token)).callTool({ name: op.tool, arguments: op.args(w) });
      expect(r.isError, (r.content as { text: string }[])[0].text).toBeFalsy();
    });
  }
});

describe("MCP: tokens", () => {
  const initialize = (token: string | null) =>
    call("/mcp", {
      method: "POST",
      token,
      headers: { accept: "application/json, text/event-stream" },
      json: { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-03-26", capabilities: {}, clientInfo: { name: "t", version: "1" } } },
    });

  it("no token → 401", async () => {
    expect((await initialize(null)).status).toBe(401);
  });

  it("a wrong token → 401", async () => {
    expect((await initialize(`th_${"0".repeat(64)}`)).status).toBe(401);
  });

  it("a revoked token → 401", async () => {
    const t = await token(["write"]);
    await seed(`/api/tokens/${t.id}`, { method: "DELETE" });
    expect((await initialize(t.token)).status).toBe(401);
  });

  it("an admin's session cookie instead of a token → 401", async () => {
    const res = await SELF.fetch(`${BASE}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: "test-admin-token" }) });
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    const listed = await call("/mcp", { method: "POST", token: null, headers: { cookie, accept: "application/json, text/event-stream" }, json: { jsonrpc: "2.0", id: 1, method: "tools/list" } });
    expect(listed.status).toBe(401);
  });
});

// Dashboard forms: a bearer token skips the CSRF check (no cookie to ride), so these cells test the role alone.
const form = (path: string, token: string | null, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: new URLSearchParams(fields),
  }) as Promise<TestResponse>;

interface FormOp {
  name: string;
  action: Action;
  prepare?: (w: World) => Promise<string>;
  send: (w: World, token: string, prepared: string) => Promise<TestResponse>;
}

const FORMS: FormOp[] = [
  { name: "GET /tasks/{key}", action: "read", send: (w, t) => SELF.fetch(`${BASE}/tasks/${w.task}`, { headers: { authorization: `Bearer ${t}` } }) as Promise<TestResponse> },
  { name: "POST /tasks", action: "write", send: (w, t) => form("/tasks", t, { project: w.mine, title: "made on the board" }) },
  { name: "POST /tasks/{key}/status", action: "write", send: (w, t) => form(`/tasks/${w.task}/status`, t, { status: "review" }) },
  { name: "POST /tasks/{key}/comments", action: "write", send: (w, t) => form(`/tasks/${w.task}/comments`, t, { body: "from the page" }) },
  { name: "POST /tasks/{key}/time", action: "write", send: (w, t) => form(`/tasks/${w.task}/time`, t, { minutes: "10" }) },
  { name: "POST /tasks/{key}/estimate", action: "write", send: (w, t) => form(`/tasks/${w.task}/estimate`, t, { hours: "2" }) },
  { name: "POST /tasks/{key}/dependencies", action: "write", send: (w, t) => form(`/tasks/${w.task}/dependencies`, t, { dependsOn: w.blocker }) },
  {
    name: "POST /tasks/{key}/dependencies/remove",
    action: "write",
    prepare: async (w) => {
      const key = await newTask(w.mine, "waits on the page");
      await seed(`/api/tasks/${key}/dependencies`, { method: "POST", json: { dependsOn: w.blocker } });
      return key;
    },
    send: (w, t, key) => form(`/tasks/${key}/dependencies/remove`, t, { dependsOn: w.blocker }),
  },
];

describe("dashboard: project roles", () => {
  for (const op of FORMS) {
    for (const who of WHO) {
      const want = EXPECTED[op.action][who];
      it(`${op.name}: ${who} → ${want === "ok" ? (op.name.startsWith("GET") ? 200 : 303) : want}`, async () => {
        const w = await world();
        const prepared = op.prepare ? await op.prepare(w) : "";
        await expectOutcome(await op.send(w, w.tokens[who], prepared), want, 400);
      });
    }
  }

  it("the board lists only the projects a person may read", async () => {
    const w = await world();
    const html = await (await SELF.fetch(`${BASE}/?project=${w.other}`, { headers: { authorization: `Bearer ${w.tokens.viewer}` } })).text();
    expect(html).not.toContain(`${w.other} · other`);
  });

  it("the board does not show another project's tasks when asked for it by key", async () => {
    const w = await world();
    const html = await (await SELF.fetch(`${BASE}/?project=${w.other}`, { headers: { authorization: `Bearer ${w.tokens.viewer}` } })).text();
    expect(html).not.toContain(w.otherTask);
  });

  it("replaying a delivery is the operator's: a person's write token → 403", async () => {
    const w = await world();
    expect((await form("/runs/any-delivery/replay", w.tokens.owner, {})).status).toBe(403);
  });
});

describe("dashboard forms: tokens", () => {
  it("no session → 403 and nothing changes", async () => {
    const w = await world();
    expect((await form(`/tasks/${w.task}/status`, null, { status: "cancelled" })).status).toBe(403);
  });

  it("a wrong bearer token → 401", async () => {
    const w = await world();
    expect((await form(`/tasks/${w.task}/status`, `th_${"0".repeat(64)}`, { status: "cancelled" })).status).toBe(401);
  });

  it("a revoked token → 401", async () => {
    const w = await world();
    const t = await token(["write"]);
    await seed(`/api/tokens/${t.id}`, { method: "DELETE" });
    expect((await form(`/tasks/${w.task}/status`, t.token, { status: "cancelled" })).status).toBe(401);
  });
});
