// Dashboard pages need a read-scoped session; without one they show the sign-in form instead.

import type { Context, MiddlewareHandler } from "hono";
import { hasScope } from "../../http/auth";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";
import { checkCsrf } from "../../http/session";
import { Layout } from "./layout";
import { LoginForm } from "./login-form";

export const reader: MiddlewareHandler<AppEnv> = async (c, next) => {
  const p = c.get("principal");
  if (hasScope(p, "read")) return next();
  return c.html(
    <Layout nonce={c.get("secureHeadersNonce")} title="Sign in">
      <LoginForm error={p ? "This token cannot read the hub." : null} github={!!(c.get("services").config.GITHUB_CLIENT_ID && c.get("services").config.GITHUB_CLIENT_SECRET)} />
    </Layout>,
    p ? 403 : 200,
  );
};

/** A form post from the dashboard: a write-scoped session and the form's CSRF token. Returns the parsed form. */
export async function writerForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  if (!hasScope(c.get("principal"), "write")) throw new ApiError(403, "forbidden", "This session cannot change tasks");
  const form = await c.req.parseBody();
  await checkCsrf(c, form._csrf);
  return Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

/** Back to where the form was, or a fallback; only same-site paths. */
export const back = (c: Context<AppEnv>, fallback: string) => {
  const to = c.req.header("referer");
  try {
    const u = to ? new URL(to) : null;
    return c.redirect(u && u.host === new URL(c.req.url).host ? `${u.pathname}${u.search}` : fallback, 303);
  } catch {
    return c.redirect(fallback, 303);
  }
};
