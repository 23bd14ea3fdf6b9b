// GET / — the board for a signed-in reader, a sign-in form for everyone else, untrusted text escaped.
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, createProject } from "../support/hub";

describe("dashboard access", () => {
  it("shows a sign-in form without a token", async () => {
    const res = await call("/", { token: null });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('name="token"');
  });

  it("shows the board with the bearer token", async () => {
    await createProject("DASH");
    await call("/api/tasks", { method: "POST", json: { project: "DASH", title: "Visible on the board" } });
    const html = await (await call("/?project=DASH")).text();
    expect(html).toContain("DASH-1");
    expect(html).toContain("Visible on the board");
  });

  it("renders a hostile task title as text, never as markup", async () => {
    await createProject("XSS");
    await call("/api/tasks", { method: "POST", json: { project: "XSS", title: "<img src=x onerror=alert(1)>" } });
    const html = await (await call("/?project=XSS")).text();
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("signs in with a token through the form and sets an HttpOnly, SameSite cookie", async () => {
    const res = await call("/login", {
      method: "POST",
      token: null,
      body: new URLSearchParams({ token: ADMIN_TOKEN }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toContain(ADMIN_TOKEN);
    const board = await call("/", { token: null, headers: { cookie: cookie.split(";")[0] } });
    expect(await board.text()).not.toContain('name="token"');
  });

  it("refuses a wrong token at the sign-in form with 401", async () => {
    const res = await call("/login", {
      method: "POST",
      token: null,
      body: new URLSearchParams({ token: "th_wrong" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});
