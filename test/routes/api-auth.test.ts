import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import { ADMIN_TOKEN, BASE, call } from "../support/hub";

const login = (token: string) =>
  SELF.fetch(`${BASE}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];

it("POST /api/auth/login trades a token for an HttpOnly SameSite session cookie", async () => {
  const res = await login(ADMIN_TOKEN);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ name: "admin", scopes: ["admin"] });
  expect(res.headers.get("set-cookie")).toMatch(/taskhub_session=.*HttpOnly.*SameSite=Lax/i);
});

it("POST /api/auth/login refuses an unknown token with 401", async () => {
  const res = await login("nope");
  expect(res.status).toBe(401);
  expect(res.headers.get("set-cookie")).toBeNull();
});

it("the session cookie is for the dashboard: REST calls with it alone are 401", async () => {
  const cookie = cookieOf(await login(ADMIN_TOKEN));
  const res = await call("/api/projects", { token: null, headers: { cookie } });
  expect(res.status).toBe(401);
});

it("POST /api/auth/refresh renews a live session and refuses without one", async () => {
  const cookie = cookieOf(await login(ADMIN_TOKEN));
  const renewed = await call("/api/auth/refresh", { method: "POST", token: null, headers: { cookie } });
  expect(renewed.status).toBe(200);
  expect(renewed.headers.get("set-cookie")).toMatch(/taskhub_session=/);
  expect((await call("/api/auth/refresh", { method: "POST", token: null })).status).toBe(401);
});

it("DELETE /api/auth/logout clears the cookie", async () => {
  const cookie = cookieOf(await login(ADMIN_TOKEN));
  const res = await call("/api/auth/logout", { method: "DELETE", token: null, headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get("set-cookie")).toMatch(/taskhub_session=;.*Max-Age=0/i);
});

it("GET /api/auth/me says whose bearer token it is", async () => {
  const made = await (await call("/api/tokens", { method: "POST", json: { name: "cli", scopes: ["read"] } })).json();
  const res = await call("/api/auth/me", { token: made.token });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ userId: null, name: "cli", scopes: ["read"] });
  expect((await call("/api/auth/me", { token: null })).status).toBe(401);
});
