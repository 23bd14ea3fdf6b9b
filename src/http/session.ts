// The dashboard's session: a sign-in token of its own, named by a signed, HttpOnly, SameSite cookie; and its CSRF token.

import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { SESSION_COOKIE, sessionSecret } from "./auth";
import type { AppEnv, Principal } from "./context";
import { ApiError } from "./errors";
import { generateToken, sha256Hex } from "./tokens";
import { constantTimeEqual } from "../domain/constant-time";
import { sessionExpiry } from "../domain/tokens";

/** Who signs in: the person and scopes the sign-in token carries, and the token signed in with (null: GitHub). */
export interface SignIn {
  name: string;
  userId: string | null;
  scopes: Principal["scopes"];
  fromHash: string | null;
}

/**
 * Mints a sign-in token that expires after SESSION_TTL_HOURS and sets the cookie naming it; returns the expiry.
 * The token is listed, and revocable, under /api/tokens like any other; sign-out revokes it.
 */
export async function signIn(c: Context<AppEnv>, who: SignIn): Promise<string> {
  const secret = sessionSecret(c);
  if (!secret) throw new ApiError(503, "sessions_unavailable", "Cookie sessions need HUB_SECRET or HUB_ADMIN_TOKEN on the hub");
  const { config, store } = c.get("services");
  const now = new Date();
  const expiresAt = sessionExpiry(now, config.SESSION_TTL_HOURS);
  const hash = await sha256Hex(generateToken());
  await store.createToken({ name: who.name, hash, scopes: who.scopes, userId: who.userId, expiresAt, at: now.toISOString() });
  const exp = Math.floor(Date.parse(expiresAt) / 1000);
  await setSignedCookie(c, SESSION_COOKIE, `${hash}.${exp}.${who.fromHash ?? "-"}`, secret, {
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: exp - Math.floor(now.getTime() / 1000),
  });
  return expiresAt;
}

/** Clears the cookie and revokes the sign-in token it names (cookies from before sign-in tokens name an API token: kept). */
export async function signOut(c: Context<AppEnv>) {
  const session = await liveSession(c);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  if (!session?.signInToken) return;
  const { store } = c.get("services");
  const rec = await store.findTokenByHash(session.hash);
  if (rec && !rec.revokedAt) await store.revokeToken(rec.id, new Date().toISOString());
}

async function liveSession(c: Context<AppEnv>): Promise<{ hash: string; fromHash: string | null; signInToken: boolean } | null> {
  const secret = sessionSecret(c);
  const cookie = secret ? await getSignedCookie(c, secret, SESSION_COOKIE) : undefined;
  if (!cookie) return null;
  const [hash, exp, from] = cookie.split(".");
  if (!(Number(exp) > Date.now() / 1000)) return null;
  return { hash, fromHash: from && from !== "-" ? from : null, signInToken: from !== undefined };
}

/** The token hash of a live session cookie, or null. */
export async function sessionHash(c: Context<AppEnv>): Promise<string | null> {
  return (await liveSession(c))?.hash ?? null;
}

/** Renews a live session: a fresh sign-in token for the same principal, the old one revoked. */
export async function renewSession(c: Context<AppEnv>, p: Principal): Promise<string> {
  const session = await liveSession(c);
  if (!session) throw new ApiError(401, "unauthorized", "No live session to renew; sign in again");
  await signOut(c);
  return signIn(c, { name: p.name, userId: p.userId, scopes: p.scopes, fromHash: session.fromHash });
}

async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text));
  return [...new Uint8Array(sig)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Tied to the session, so a page from another site cannot know it (forms carry it as _csrf). */
export async function csrfToken(c: Context<AppEnv>): Promise<string> {
  const hash = (await sessionHash(c)) ?? "bearer";
  return hmacHex(`${sessionSecret(c) ?? ""}:csrf`, hash);
}

export async function checkCsrf(c: Context<AppEnv>, sent: unknown) {
  // Bearer-token callers are not browsers riding a cookie; only cookie sessions need the check.
  if (c.req.header("authorization")) return;
  if (typeof sent !== "string" || !constantTimeEqual(sent, await csrfToken(c))) {
    throw new ApiError(403, "csrf_failed", "The form is stale or came from another site; reload the page and try again");
  }
}
