// Sign-in tokens: a dashboard session is a token of its own that expires and dies at sign-out; lastUsedAt is throttled.

import { env, SELF } from "cloudflare:test";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BASE, call } from "../support/hub";

const HOUR = 3_600_000;
const login = (token: string) =>
  SELF.fetch(`${BASE}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];
const tokens = async () => (await (await call("/api/tokens")).json()).tokens as { id: string; name: string; expiresAt: string | null; revokedAt: string | null; lastUsedAt: string | null }[];

async function apiToken(name: string) {
  const res = await call("/api/tokens", { method: "POST", json: { name, scopes: ["read", "write"] } });
  return (await res.json()) as { id: string; token: string };
}

/** The sign-in token a session cookie names, found as the newest token of that name with an expiry. */
async function signInTokenOf(name: string) {
  return (await tokens()).filter((t) => t.name === name && t.expiresAt).at(-1)!;
}

describe("signing in", () => {
  it("mints a token of its own that expires after SESSION_TTL_HOURS (12 by default)", async () => {
    const { token } = await apiToken(`laptop-${crypto.randomUUID()}`);
    const name = ((await (await login(token)).json()) as { name: string }).name;
    const t = await signInTokenOf(name);
    const lifetime = Date.parse(t.expiresAt!) - Date.now();
    expect(lifetime).toBeGreaterThan(11.9 * HOUR);
    expect(lifetime).toBeLessThanOrEqual(12 * HOUR);
  });

  it("revokes the sign-in token at sign-out, so the old cookie opens nothing", async () => {
    const { token } = await apiToken(`laptop-${crypto.randomUUID()}`);
    const res = await login(token);
    const name = ((await res.json()) as { name: string }).name;
    const cookie = cookieOf(res);
    // The cookie opens the dashboard (REST takes bearer tokens only): signed in, the board shows no sign-in form.
    const signedIn = async () => !(await (await call("/", { token: null, headers: { cookie } })).text()).includes('name="token"');
    expect(await signedIn()).toBe(true);
    await call("/api/auth/logout", { method: "DELETE", token: null, headers: { cookie } });
    expect((await signInTokenOf(name)).revokedAt).not.toBeNull();
    expect(await signedIn()).toBe(false);
  });

  it("revokes it at the dashboard's sign-out too", async () => {
    const { token } = await apiToken(`laptop-${crypto.randomUUID()}`);
    const res = await login(token);
    const name = ((await res.json()) as { name: string }).name;
    await SELF.fetch(`${BASE}/logout`, { method: "POST", headers: { cookie: cookieOf(res) }, redirect: "manual" });
    expect((await signInTokenOf(name)).revokedAt).not.toBeNull();
  });

  it("leaves the token signed in with usable after sign-out", async () => {
    const { token } = await apiToken(`laptop-${crypto.randomUUID()}`);
    const cookie = cookieOf(await login(token));
    await call("/api/auth/logout", { method: "DELETE", token: null, headers: { cookie } });
    expect((await call("/api/projects", { token })).status).toBe(200);
  });

  it("ends the session when the token signed in with is revoked", async () => {
    const made = await apiToken(`laptop-${crypto.randomUUID()}`);
    const cookie = cookieOf(await login(made.token));
    await call(`/api/tokens/${made.id}`, { method: "DELETE" });
    expect((await call("/api/projects", { token: null, headers: { cookie } })).status).toBe(401);
  });
});

describe("expiry", () => {
  it("answers an expired token 401, as a revoked one", async () => {
    const token = `th_${crypto.randomUUID()}`;
    const hash = createHash("sha256").update(token).digest("hex");
    const past = new Date(Date.now() - 1000).toISOString();
    await env.DB.prepare(`INSERT INTO tokens (id, name, hash, scopes, created_at, expires_at) VALUES (?, 'old-session', ?, '["read"]', ?, ?)`)
      .bind(crypto.randomUUID(), hash, past, past)
      .run();
    const res = await call("/api/projects", { token });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "unauthorized" });
  });
});

describe("lastUsedAt", () => {
  it("is written on a token's first use and not again within five minutes", async () => {
    const made = await apiToken(`busy-${crypto.randomUUID()}`);
    expect((await tokens()).find((t) => t.id === made.id)!.lastUsedAt).toBeNull();
    await call("/api/projects", { token: made.token });
    const first = (await tokens()).find((t) => t.id === made.id)!.lastUsedAt;
    expect(first).not.toBeNull();
    await call("/api/projects", { token: made.token });
    expect((await tokens()).find((t) => t.id === made.id)!.lastUsedAt).toBe(first);
  });
});
