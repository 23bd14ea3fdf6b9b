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

/** A same-site path and query from an address, or null for another site's (or one that does not parse). */
function sameSite(c: Context<AppEnv>, to: string | undefined): string | null {
  try {
    const u = to ? new URL(to, c.req.url) : null;
    return u && u.host === new URL(c.req.url).host ? `${u.pathname}${u.search}` : null;
  } catch {
    return null; // not an address: not ours either
  }
}

/**
 * Back to where the form was, or a fallback; only same-site paths. `sent` is the page's address as the form carried it:
 * under the hub's no-referrer policy a browser sends no Referer, and a filtered board should come back filtered.
 */
export const back = (c: Context<AppEnv>, fallback: string, sent?: string) =>
  c.redirect(sameSite(c, sent) ?? sameSite(c, c.req.header("referer")) ?? fallback, 303);
