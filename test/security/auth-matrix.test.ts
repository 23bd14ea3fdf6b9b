// The authorisation matrix, token half: every REST operation in /openapi.json and every other route the app registers against missing, wrong, revoked and under-scoped tokens and cookie sessions.

import { SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { session } from "../support/dashboard";
import { BASE, call } from "../support/hub";

// Loops over every operation: generous, since workerd shares two cores with other suites (no test asserts time).
vi.setConfig({ testTimeout: 120_000 });

interface Op {
  method: string;
  path: string;
}

/** The operations as the hub documents them, so a route added later is in the matrix without editing this file. */
async function operations(): Promise<Op[]> {
  const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => ({ method: method.toUpperCase(), path })))
    .filter((op) => !op.path.startsWith("/api/auth/")); // sign-in itself takes no token
}

/** Path parameters filled with plausible values: authentication must fail before anything is looked up. */
const concrete = (path: string) => path.replace(/\{key\}/g, "SEC-1").replace(/\{dependsOn\}/g, "SEC-2").replace(/\{[^}]+\}/g, "x");

async function hit(op: Op, token: string | null) {
  const hasBody = op.method !== "GET" && op.method !== "DELETE";
  return call(concrete(op.path), { method: op.method, token, ...(hasBody ? { json: {} } : {}) });
}

/** Every operation answers `status` with the error shape; the failure lists each operation that did not. */
async function expectAll(ops: Op[], status: number, send: (op: Op) => Promise<Awaited<ReturnType<typeof call>>>) {
  const wrong: string[] = [];
  for (const op of ops) {
    const res = await send(op);
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    const shaped = typeof body?.code === "string" && typeof body?.message === "string" && typeof body?.requestId === "string";
    if (res.status !== status || !shaped) wrong.push(`${op.method} ${op.path} → ${res.status} ${JSON.stringify(body?.code)}`);
  }
  expect(wrong).toEqual([]);
}

async function expectError(res: Awaited<ReturnType<typeof call>>, status: number) {
  expect(res.status).toBe(status);
  expect(await res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
}

async function token(scopes: string[], userId?: string) {
  const res = await call("/api/tokens", { method: "POST", json: { name: `sec-${scopes.join("-")}`, scopes, ...(userId ? { userId } : {}) } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; token: string };
}

describe("every operation refuses a request without a valid token", () => {
  it("no token → 401", async () => {
    await expectAll(await operations(), 401, (op) => hit(op, null));
  });

  it("a token the hub never issued → 401", async () => {
    await expectAll(await operations(), 401, (op) => hit(op, `th_${"0".repeat(64)}`));
  });

  it("a malformed Authorization header → 401", async () => {
    await expectAll(await operations(), 401, (op) => call(concrete(op.path), { method: op.method, token: null, headers: { authorization: "Basic dXNlcjpwYXNz" } }));
  });

  it("a revoked admin token → 401", async () => {
    const t = await token(["admin"]);
    expect((await call(`/api/tokens/${t.id}`, { method: "DELETE" })).status).toBe(200);
    await expectAll(await operations(), 401, (op) => hit(op, t.token));
  });
});

describe("scopes", () => {
  it("an ingest token reads nothing but the session context and Claude's task list → 403", async () => {
    const t = await token(["ingest"]);
    // What the SessionStart hook asks for with the token Claude Code already has.
    const hook = ["/api/context", "/api/claude/task-list"];
    await expectAll((await operations()).filter((op) => !hook.includes(op.path)), 403, (op) => hit(op, t.token));
  });

  it("a read token changes nothing → 403 on every non-GET operation", async () => {
    const t = await token(["read"]);
    await expectAll((await operations()).filter((op) => op.method !== "GET"), 403, (op) => hit(op, t.token));
  });

  it("a write token cannot issue tokens or create projects → 403", async () => {
    const t = await token(["write"]);
    expect((await call("/api/tokens", { method: "POST", token: t.token, json: { name: "x", scopes: ["admin"] } })).status).toBe(403);
    expect((await call("/api/tokens", { token: t.token })).status).toBe(403);
    expect((await call("/api/projects", { method: "POST", token: t.token, json: { key: "SECW", name: "x" } })).status).toBe(403);
  });

  it("ingest endpoints refuse a token without the ingest scope → 403", async () => {
    const t = await token(["read"]);
    await expectError(await call("/transcripts", { method: "POST", token: t.token, body: "{}" }), 403);
    await expectError(await call("/hooks/claude", { method: "POST", token: t.token, json: { session_id: "s", hook_event_name: "Stop" } }), 403);
  });
});

// The project-role cells (viewer, member, owner, member of another project) for every route family are in role-matrix.test.ts.

describe("REST takes bearer tokens only", () => {
  it("the dashboard's session cookie alone → 401 on every operation", async () => {
    const cookie = await session();
    await expectAll(await operations(), 401, (op) => {
      const hasBody = op.method !== "GET" && op.method !== "DELETE";
      return call(concrete(op.path), { method: op.method, token: null, headers: { cookie }, ...(hasBody ? { json: {} } : {}) });
    });
  });
});

// ---------------------------------------------------------------- every route the app registers

/** How a route outside /openapi.json authenticates, and so which cells of the matrix it gets. */
type Kind = "public" | "signature" | "engine" | "ingest" | "mcp" | "page" | "form" | "session" | "signed-link" | "oauth" | "metrics" | "shared-link";

/** Every route not in /openapi.json, as `METHOD /path` in Hono's spelling (ALL for .all and .use on one path). */
const NON_OPENAPI: Record<string, Kind> = {
  "GET /health": "public",
  "GET /openapi.json": "public",
  "GET /docs": "public",
  "POST /webhooks/github": "signature",
  "GET /api/inngest": "engine",
  "PUT /api/inngest": "engine",
  "POST /api/inngest": "engine",
  "POST /transcripts": "ingest",
  "POST /hooks/claude": "ingest",
  "ALL /mcp": "mcp",
  "GET /metrics": "metrics",
  "GET /shared/:id/:secret": "shared-link",
  "GET /shared/:id/:secret/graph": "shared-link",
  "GET /shared/:id/:secret/reports": "shared-link",
  "GET /unsubscribe": "signed-link",
  "POST /unsubscribe": "signed-link",
  "POST /login": "session",
  "POST /logout": "session",
  "ALL /auth/github": "oauth",
  "GET /auth/github": "oauth",
  "GET /": "page",
  "GET /tasks/:key": "page",
  "GET /graph": "page",
  "GET /runs": "page",
  "GET /runs/:workflow/:event": "page",
  "GET /sessions/:id": "page",
  "GET /emails": "page",
  "GET /reports": "page",
  "GET /reports.csv": "page",
  "GET /events": "page",
  "POST /tasks": "form",
  "POST /tasks/:key/status": "form",
  "POST /tasks/:key/comments": "form",
  "POST /tasks/:key/time": "form",
  "POST /tasks/:key/estimate": "form",
  "POST /tasks/:key/dependencies": "form",
  "POST /tasks/:key/dependencies/remove": "form",
  "POST /runs/:id/replay": "form",
  "POST /runs/replay": "form",
  "POST /runs/:workflow/:event/rerun": "form",
  "POST /runs/:workflow/:event/cancel": "form",
  "POST /projects/:key/shared-links": "form",
  "POST /projects/:key/shared-links/:id/revoke": "form",
};

const of = (kind: Kind) => Object.entries(NON_OPENAPI).filter(([, k]) => k === kind).map(([route]) => route.split(" ") as [string, string]);

/** The routes the app registers (middleware on `*` paths left out), as `METHOD /path`. */
function appRoutes(): string[] {
  return [...new Set(createApp().routes.filter((r) => !r.path.includes("*")).map((r) => `${r.method} ${r.path}`))];
}

describe("the route list", () => {
  it("every route the app registers is in /openapi.json or in the list above", async () => {
    const documented = new Set((await operations()).map((op) => `${op.method} ${op.path.replace(/\{([^}]+)\}/g, ":$1")}`));
    const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(doc.paths)) for (const m of Object.keys(item)) documented.add(`${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ":$1")}`);
    expect(appRoutes().filter((r) => !documented.has(r) && !(r in NON_OPENAPI))).toEqual([]);
  });

  it("every route in the list above is one the app registers", () => {
    const routes = new Set(appRoutes());
    expect(Object.keys(NON_OPENAPI).filter((r) => !routes.has(r))).toEqual([]);
  });
});

describe("every route outside /openapi.json, by how it authenticates", () => {
  const fill = (path: string) => path.replace(":key", "SEC-1").replace(":id", "github%3Anone");
  const raw = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    SELF.fetch(`${BASE}${fill(path)}`, { method, headers, body: method === "GET" ? undefined : (body ?? ""), redirect: "manual" });
  const codeOf = async (res: Response) => ((await res.json().catch(() => ({}))) as { code?: string }).code;

  it("public routes answer without a token", async () => {
    for (const [m, p] of of("public")) expect((await raw(m, p)).status, `${m} ${p}`).toBe(200);
  });

  it("the webhook refuses a delivery without a signature → 401", async () => {
    for (const [m, p] of of("signature")) expect((await raw(m, p, { "content-type": "application/json" }, "{}")).status).toBe(401);
  });

  it("the Inngest endpoint is not there unless Inngest is the engine → 404", async () => {
    for (const [m, p] of of("engine")) expect((await raw(m, p)).status, `${m} ${p}`).toBe(404);
  });

  it("GitHub sign-in is not there unless configured → 404", async () => {
    for (const [m, p] of of("oauth").filter(([m]) => m !== "ALL")) expect((await raw(m, p)).status).toBe(404);
  });

  it("the unsubscribe link is its own credential: a forged one → 400", async () => {
    for (const [m, p] of of("signed-link")) expect((await raw(m, `${p}?u=x&k=digest&s=forged`)).status, `${m} ${p}`).toBe(400);
  });

  describe("ingest and MCP: bearer tokens only", () => {
    const bearerOnly = [...of("ingest"), ...of("mcp").map(([, p]) => ["POST", p] as [string, string])];
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };

    it("no token → 401", async () => {
      for (const [m, p] of bearerOnly) expect((await raw(m, p, headers, "{}")).status, `${m} ${p}`).toBe(401);
    });

    it("an admin's session cookie → 401", async () => {
      const cookie = await session();
      for (const [m, p] of bearerOnly) expect((await raw(m, p, { ...headers, cookie, origin: BASE }, "{}")).status, `${m} ${p}`).toBe(401);
    });

    it("a token the hub never issued → 401", async () => {
      for (const [m, p] of bearerOnly) expect((await raw(m, p, { ...headers, authorization: `Bearer th_${"0".repeat(64)}` }, "{}")).status, `${m} ${p}`).toBe(401);
    });

    it("ingest refuses a read token and MCP an ingest token → 403", async () => {
      const [read, ingest] = [await token(["read"]), await token(["ingest"])];
      for (const [m, p] of of("ingest")) expect((await raw(m, p, { ...headers, authorization: `Bearer ${read.token}` }, "{}")).status, `${m} ${p}`).toBe(403);
      for (const [, p] of of("mcp")) expect((await raw("POST", p, { ...headers, authorization: `Bearer ${ingest.token}` }, "{}")).status, p).toBe(403);
    });
  });

  it("a shared link is its own credential: a forged one → 404, and never indexed", async () => {
    for (const [m, p] of of("shared-link")) {
      const res = await raw(m, p.replace(":id", crypto.randomUUID()).replace(":secret", "0".repeat(64)));
      expect(res.status, p).toBe(404);
      expect(res.headers.get("x-robots-tag"), p).toBe("noindex, nofollow");
    }
  });

  it("metrics: no token or a bad one → 401, a read token → 403", async () => {
    const read = await token(["read"]);
    for (const [m, p] of of("metrics")) {
      expect((await raw(m, p)).status, p).toBe(401);
      expect((await raw(m, p, { authorization: `Bearer th_${"0".repeat(64)}` })).status, p).toBe(401);
      expect((await raw(m, p, { authorization: `Bearer ${read.token}` })).status, p).toBe(403);
    }
  });

  describe("dashboard pages", () => {
    const pages = () => of("page").map(([, p]) => p);

    it("without a session each shows the sign-in form and none of the page", async () => {
      for (const p of pages()) {
        const res = await raw("GET", p);
        expect(res.status, p).toBe(200);
        expect(await res.text(), p).toContain('name="token"');
      }
    });

    it("an ingest-only token → 403 with the sign-in form", async () => {
      const t = await token(["ingest"]);
      for (const p of pages()) expect((await raw("GET", p, { authorization: `Bearer ${t.token}` })).status, p).toBe(403);
    });

    it("a token the hub never issued → 401", async () => {
      for (const p of pages()) expect((await raw("GET", p, { authorization: `Bearer th_${"0".repeat(64)}` })).status, p).toBe(401);
    });
  });

  describe("dashboard forms", () => {
    it("no session → 403 and nothing changes", async () => {
      for (const [m, p] of of("form")) expect((await raw(m, p, { "content-type": "application/x-www-form-urlencoded" })).status, p).toBe(403);
    });

    it("a read token → 403", async () => {
      const t = await token(["read"]);
      for (const [m, p] of of("form")) expect((await raw(m, p, { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${t.token}` })).status, p).toBe(403);
    });

    it("an admin's session cookie posting from another site → 403 cross_site, CSRF token or not", async () => {
      const cookie = await session();
      for (const [m, p] of [...of("form"), ...of("session")]) {
        const res = await raw(m, p, { cookie, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, "_csrf=x&token=x");
        expect([res.status, await codeOf(res)], p).toEqual([403, "cross_site"]);
      }
    });

    it("an admin's session cookie without the form's CSRF token → 403 csrf_failed", async () => {
      const cookie = await session();
      for (const [m, p] of of("form")) {
        const res = await raw(m, p, { cookie, origin: BASE, "content-type": "application/x-www-form-urlencoded" }, "_csrf=stale");
        expect([res.status, await codeOf(res)], p).toEqual([403, "csrf_failed"]);
      }
    });
  });
});
