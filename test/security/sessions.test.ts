// Cookie sessions stay on the dashboard and refuse cross-site posts; bearer-only surfaces refuse them; pages carry a nonce CSP.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, BASE, call, createProject } from "../support/hub";
import { page, session } from "../support/dashboard";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (path: string, headers: Record<string, string>, body = "") =>
  SELF.fetch(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body, redirect: "manual" });

async function expectCrossSite(res: Response) {
  expect(res.status).toBe(403);
  expect(((await res.json()) as { code: string }).code).toBe("cross_site");
  expect(res.headers.get("set-cookie")).toBeNull();
}

describe("cross-site posts", () => {
  it("refuses a sign-in posted from another site's Origin (login CSRF)", async () => {
    await expectCrossSite(await post("/login", { origin: "https://evil.example" }, form({ token: ADMIN_TOKEN })));
  });

  it("refuses a sign-in a browser marks Sec-Fetch-Site: cross-site", async () => {
    await expectCrossSite(await post("/login", { "sec-fetch-site": "cross-site" }, form({ token: ADMIN_TOKEN })));
  });

  it("refuses a sign-out posted from another site", async () => {
    const cookie = await session();
    await expectCrossSite(await post("/logout", { cookie, origin: "https://evil.example" }));
  });

  it("refuses a cookie-borne form post from another site even with the page's CSRF token", async () => {
    const cookie = await session();
    const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await (await page("/runs", cookie)).text())?.[1] ?? "x";
    await expectCrossSite(await post("/runs/github%3Ax/replay", { cookie, "sec-fetch-site": "cross-site" }, form({ _csrf: csrf })));
  });

  it("accepts a sign-in from the hub's own origin", async () => {
    const res = await post("/login", { origin: BASE, "sec-fetch-site": "same-origin" }, form({ token: ADMIN_TOKEN }));
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/taskhub_session=/);
  });
});

describe("bearer-only surfaces refuse the session cookie with 401", () => {
  it.each([
    ["GET", "/api/projects", undefined],
    ["POST", "/api/tasks", JSON.stringify({ project: "SESS", title: "via cookie" })],
    ["POST", "/transcripts", "{}"],
    ["POST", "/hooks/claude", JSON.stringify({ session_id: "s", hook_event_name: "Stop" })],
    ["POST", "/mcp", JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" })],
  ])("%s %s", async (method, path, body) => {
    await createProject("SESS").catch(() => null);
    const cookie = await session();
    const res = await call(path, { method, token: null, headers: { cookie, "content-type": "application/json", origin: BASE, accept: "application/json, text/event-stream" }, body });
    expect(res.status).toBe(401);
  });

  it("the same paths still take the bearer token", async () => {
    expect((await call("/api/projects")).status).toBe(200);
  });
});

describe("Content-Security-Policy", () => {
  const nonceOf = (csp: string) => /script-src[^;]*'nonce-([^']+)'/.exec(csp)?.[1];

  it("every page carries a script-src with a fresh nonce and no 'unsafe-inline' for scripts", async () => {
    const cookie = await session();
    const nonces = new Set<string>();
    for (const path of ["/", "/graph", "/runs", "/emails", "/reports", "/docs", "/", "/login-missing-page"]) {
      const res = await page(path, cookie);
      const csp = res.headers.get("content-security-policy") ?? "";
      const scriptSrc = /script-src[^;]*/.exec(csp)?.[0] ?? "";
      expect(scriptSrc, path).toMatch(/'nonce-[A-Za-z0-9+/=_-]{16,}'/);
      expect(scriptSrc, path).not.toContain("unsafe-inline");
      nonces.add(nonceOf(csp)!);
    }
    expect(nonces.size).toBe(8);
  });

  it("no page has an inline event handler (the CSP would block it)", async () => {
    await createProject("CSPH").catch(() => null);
    await call("/api/tasks", { method: "POST", json: { project: "CSPH", title: "has a status select" } });
    const cookie = await session();
    for (const path of ["/?project=CSPH", "/tasks/CSPH-1", "/graph", "/runs", "/emails", "/reports", "/docs"]) {
      expect(await (await page(path, cookie)).text(), path).not.toMatch(/<[^>]+\son[a-z]+=/i);
    }
  });

  it("the dashboard's inline script carries the response's nonce", async () => {
    const cookie = await session();
    const res = await page("/", cookie);
    const nonce = nonceOf(res.headers.get("content-security-policy") ?? "");
    const html = await res.text();
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  });
});
