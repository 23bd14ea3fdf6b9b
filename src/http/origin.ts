// Which requests a browser's session cookie may carry: cookie posts only from the hub's own pages, and never to bearer-only surfaces.

import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

/** Surfaces for programs, which authenticate with a bearer token only: REST, ingest and MCP. */
const BEARER_ONLY = [/^\/api(\/|$)/, /^\/transcripts(\/|$)/, /^\/hooks(\/|$)/, /^\/mcp(\/|$)/];

/** The session's own routes under /api: renewing or ending a session is what the cookie is for. */
const SESSION_ROUTES = new Set(["/api/auth/refresh", "/api/auth/logout"]);

/** Whether the session cookie may stand for the caller on this path (the dashboard's pages and forms, the session's own routes). */
export const acceptsCookie = (path: string) => SESSION_ROUTES.has(path) || !BEARER_ONLY.some((re) => re.test(path));

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a browser says the request came from another site: Sec-Fetch-Site when it sends one, else the
 * Origin header against the hub's own origin. A request with neither is not from a browser form.
 */
export function isCrossSite(headers: { get(name: string): string | null | undefined }, ownOrigins: string[]): boolean {
  const site = headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = headers.get("origin");
  if (!origin) return false;
  return !ownOrigins.includes(origin);
}

/**
 * Every state-changing request that a cookie could carry (no Authorization header): sign-in, sign-out and the
 * dashboard's forms. From another site it is refused with 403 cross_site, before the CSRF token is even read.
 */
export const sameSitePosts: MiddlewareHandler<AppEnv> = async (c, next) => {
  // The unsubscribe link is signed and rides no cookie; mail clients post it one-click from their own sites.
  if (SAFE_METHODS.has(c.req.method) || c.req.header("authorization") || c.req.path === "/unsubscribe") return next();
  const { PUBLIC_URL } = c.get("services").config;
  const own = [new URL(c.req.url).origin, ...(PUBLIC_URL ? [new URL(PUBLIC_URL).origin] : [])];
  if (isCrossSite({ get: (n) => c.req.header(n) }, own)) {
    throw new ApiError(403, "cross_site", "This request came from another site; use the hub's own pages or a bearer token");
  }
  return next();
};
