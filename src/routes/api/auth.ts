// /api/auth: trade a token for a session cookie, renew it, end it (the dashboard's sign-in, for scripts and the SPA-less UI).

import { createRoute, z } from "@hono/zod-openapi";
import { principalForHash, requirePrincipal } from "../../http/auth";
import { ApiError } from "../../http/errors";
import { renewSession, signIn, signOut } from "../../http/session";
import { sha256Hex } from "../../http/tokens";
import { apiRouter } from "./router";
import { body, errorResponses, json, vScope } from "./schemas";

const vSession = z.object({ expiresAt: z.string(), name: z.string(), scopes: z.array(vScope) }).openapi("Session");

const login = createRoute({
  method: "post",
  path: "/api/auth/login",
  tags: ["auth"],
  request: body(z.object({ token: z.string().min(1).max(200) })),
  responses: { 200: json(vSession, "Signed in; the session cookie is set"), ...errorResponses },
});

const refresh = createRoute({
  method: "post",
  path: "/api/auth/refresh",
  tags: ["auth"],
  responses: { 200: json(vSession, "The session cookie is renewed"), ...errorResponses },
});

const logout = createRoute({
  method: "delete",
  path: "/api/auth/logout",
  tags: ["auth"],
  responses: { 200: json(z.object({ signedOut: z.literal(true) })), ...errorResponses },
});

const me = createRoute({
  method: "get",
  path: "/api/auth/me",
  tags: ["auth"],
  middleware: [requirePrincipal] as const,
  responses: { 200: json(z.object({ userId: z.string().nullable(), name: z.string(), scopes: z.array(vScope) }).openapi("Me"), "Whose token this is"), ...errorResponses },
});

export const auth = apiRouter()
  .openapi(me, (c) => {
    const { userId, name, scopes } = c.get("principal")!;
    return c.json({ userId, name, scopes }, 200);
  })
  .openapi(login, async (c) => {
    const hash = await sha256Hex(c.req.valid("json").token.trim());
    const p = await principalForHash(c, hash);
    if (!p) throw new ApiError(401, "unauthorized", "That token is unknown, revoked or expired");
    const expiresAt = await signIn(c, { name: p.name, userId: p.userId, scopes: p.scopes, fromHash: hash });
    return c.json({ expiresAt, name: p.name, scopes: p.scopes }, 200);
  })
  .openapi(refresh, async (c) => {
    // The cookie's principal, not a bearer token's: only a session is renewed.
    const p = c.req.header("authorization") ? null : c.get("principal");
    if (!p) throw new ApiError(401, "unauthorized", "No live session to renew; sign in again");
    return c.json({ expiresAt: await renewSession(c, p), name: p.name, scopes: p.scopes }, 200);
  })
  .openapi(logout, async (c) => {
    await signOut(c);
    return c.json({ signedOut: true as const }, 200);
  });
