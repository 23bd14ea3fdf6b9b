// The authorisation matrix, token half: every REST operation in /openapi.json against missing, wrong, revoked and under-scoped tokens.

import { describe, expect, it, vi } from "vitest";
import { call } from "../support/hub";

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
  it("an ingest token reads nothing but the session context → 403", async () => {
    const t = await token(["ingest"]);
    await expectAll((await operations()).filter((op) => op.path !== "/api/context"), 403, (op) => hit(op, t.token));
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
