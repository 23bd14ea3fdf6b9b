// Who is asking: bearer tokens or the dashboard's signed session cookie, and what each scope may do.

import type { Context, MiddlewareHandler } from "hono";
import { getSignedCookie } from "hono/cookie";
import { scopesCover } from "../domain/permissions";
import type { Scope, TokenRecord } from "../ports/store";
import type { AppEnv, Principal } from "./context";
import { ApiError } from "./errors";
import { constantTimeEqual } from "../domain/constant-time";
import { acceptsCookie } from "./origin";
import { shouldTouch, tokenExpired } from "../domain/tokens";
import { sha256Hex } from "./tokens";

export const SESSION_COOKIE = "taskhub_session";

/** What each scope implies is decided in domain/permissions.ts, beside the project roles it combines with. */
export const hasScope = (p: Principal | null, scope: Scope) => !!p && scopesCover(p.scopes, scope);

const adminHashCache = new Map<string, Promise<string>>();
const adminHash = (token: string) => {
  let h = adminHashCache.get(token);
  if (!h) adminHashCache.set(token, (h = sha256Hex(token)));
  return h;
};

/** The principal a token hash stands for, or null (unknown, revoked or expired). */
export async function principalForHash(c: Context<AppEnv>, hash: string): Promise<Principal | null> {
  const { config, store } = c.get("services");
  if (config.HUB_ADMIN_TOKEN && constantTimeEqual(hash, await adminHash(config.HUB_ADMIN_TOKEN))) {
    return { tokenId: "admin", userId: null, scopes: ["admin"], name: "admin" };
  }
  const now = new Date();
  const rec = liveToken(await store.findTokenByHash(hash), now);
  if (!rec) return null;
  await noteUse(c, rec, now);
  return { tokenId: rec.id, userId: rec.userId, scopes: rec.scopes, name: rec.name, projects: rec.projects };
}

/** An expired token is refused exactly as a revoked one. */
function liveToken(rec: TokenRecord | null, now: Date): TokenRecord | null {
  return rec && !rec.revokedAt && !tokenExpired(rec.expiresAt, now) ? rec : null;
}

/** lastUsedAt, written at most once per TOUCH_EVERY_MS per token (domain/tokens.ts decides). */
async function noteUse(c: Context<AppEnv>, rec: TokenRecord, now: Date) {
  if (shouldTouch(rec.lastUsedAt, now)) await c.get("services").store.touchToken(rec.id, now.toISOString());
}

/**
 * A session cookie is `<sign-in token hash>.<expiry s>[.<hash of the token signed in with>]`: the session lives while
 * its own token does and, when it was made from another token, while that one does too (revoking it ends the session).
 */
export async function sessionPrincipal(c: Context<AppEnv>, cookie: string): Promise<Principal | null> {
  const [hash, exp, parent] = cookie.split(".");
  if (!(Number(exp) > Date.now() / 1000)) return null;
  const principal = await principalForHash(c, hash);
  if (principal && parent && parent !== "-" && !(await principalForHash(c, parent))) return null;
  return principal;
}

export function sessionSecret(c: Context<AppEnv>): string | null {
  const { HUB_SECRET, HUB_ADMIN_TOKEN } = c.get("services").config;
  return HUB_SECRET ?? (HUB_ADMIN_TOKEN ? `session:${HUB_ADMIN_TOKEN}` : null);
}

/** Reads the bearer token or the session cookie. A bearer token that is wrong is refused outright. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("principal", null);
  const header = c.req.header("authorization");
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = m ? await principalForHash(c, await sha256Hex(m[1])) : null;
    if (!principal) throw new ApiError(401, "unauthorized", "The bearer token is missing, malformed, unknown or revoked");
    c.set("principal", principal);
    return next();
  }
  // REST, ingest and MCP take bearer tokens only: a cookie a browser adds on its own stands for no one there.
  if (!acceptsCookie(c.req.path)) return next();
  const secret = sessionSecret(c);
  const cookie = secret ? await getSignedCookie(c, secret, SESSION_COOKIE) : undefined;
  if (cookie) c.set("principal", await sessionPrincipal(c, cookie));
  return next();
};

/** Any authenticated principal; the handler decides what its scopes allow. */
export const requirePrincipal: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("principal")) throw new ApiError(401, "unauthorized", "A bearer token is required");
  return next();
};

/** One of these scopes (before the request is read, so a token that may not learns nothing of its shape). */
export function requireScope(...scopes: [Scope, ...Scope[]]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get("principal");
    if (!p) throw new ApiError(401, "unauthorized", "A bearer token is required");
    if (!scopes.some((s) => hasScope(p, s))) throw new ApiError(403, "forbidden", `This token lacks the ${scopes.join(" or ")} scope`);
    return next();
  };
}
