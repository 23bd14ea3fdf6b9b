// The dashboard's session: a signed, HttpOnly, SameSite cookie naming a token hash and an expiry, and its CSRF token.

import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { SESSION_COOKIE, SESSION_TTL_S, sessionSecret } from "./auth";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";
import { constantTimeEqual } from "../domain/constant-time";

/** Starts (or renews) a session for a token hash; returns when it expires. */
export async function startSession(c: Context<AppEnv>, tokenHash: string): Promise<string> {
  const secret = sessionSecret(c);
  if (!secret) throw new ApiError(503, "sessions_unavailable", "Cookie sessions need HUB_SECRET or HUB_ADMIN_TOKEN on the hub");
  const exp = Math.floor(Date.now() / 1000) + SESSION_TTL_S;
  await setSignedCookie(c, SESSION_COOKIE, `${tokenHash}.${exp}`, secret, {
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: SESSION_TTL_S,
  });
  return new Date(exp * 1000).toISOString();
}

export function endSession(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

/** The token hash of a live session cookie, or null. */
export async function sessionHash(c: Context<AppEnv>): Promise<string | null> {
  const secret = sessionSecret(c);
  const cookie = secret ? await getSignedCookie(c, secret, SESSION_COOKIE) : undefined;
  if (!cookie) return null;
  const [hash, exp] = cookie.split(".");
  return Number(exp) > Date.now() / 1000 ? hash : null;
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
