// Using the dashboard as a browser does: a session cookie, its pages, and form posts carrying the page's CSRF token.

import { SELF } from "cloudflare:test";
import { ADMIN_TOKEN, BASE } from "./hub";

export async function session(token = ADMIN_TOKEN) {
  const res = await SELF.fetch(`${BASE}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
  return res.headers.get("set-cookie")!.split(";")[0];
}

export const page = async (path: string, cookie: string) => SELF.fetch(`${BASE}${path}`, { headers: { cookie }, redirect: "manual" });

/** Posts a form as the page at `from` would, with that page's CSRF token. */
export async function postForm(path: string, fields: Record<string, string>, cookie: string, from = "/") {
  const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await (await page(from, cookie)).text())![1];
  return SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
    redirect: "manual",
  });
}
