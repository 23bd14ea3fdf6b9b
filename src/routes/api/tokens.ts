// /api/tokens: admins issue, list and revoke scoped tokens; the secret is shown once, stored hashed.

import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../http/auth";
import { ApiError } from "../../http/errors";
import { generateToken, sha256Hex } from "../../http/tokens";
import { apiRouter } from "./router";
import { body, errorResponses, json, vScope } from "./schemas";

const vToken = z
  .object({ id: z.string(), name: z.string(), scopes: z.array(vScope), projects: z.array(z.string()).nullable(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() })
  .openapi("Token");


/** Project keys the token may ingest into; absent, every project (as before). */
const vTokenProjects = z.array(z.string().trim().min(1).max(20)).min(1).max(100).optional();

const create = createRoute({
  method: "post",
  path: "/api/tokens",
  tags: ["tokens"],
  middleware: [requireScope("admin")] as const,
  request: body(z.object({ name: z.string().trim().min(1).max(100), scopes: z.array(vScope).min(1), userId: z.string().optional(), projects: vTokenProjects })),
  responses: { 201: json(vToken.extend({ token: z.string() }), "Created; the token is shown only now"), ...errorResponses },
});

const list = createRoute({
  method: "get",
  path: "/api/tokens",
  tags: ["tokens"],
  middleware: [requireScope("admin")] as const,
  responses: { 200: json(z.object({ tokens: z.array(vToken) })), ...errorResponses },
});

const revoke = createRoute({
  method: "delete",
  path: "/api/tokens/{id}",
  tags: ["tokens"],
  middleware: [requireScope("admin")] as const,
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: json(z.object({ revoked: z.literal(true) })), ...errorResponses },
});

export const tokens = apiRouter()
  .openapi(create, async (c) => {
    const input = c.req.valid("json");
    const token = generateToken();
    const rec = await c.get("services").store.createToken({ ...input, hash: await sha256Hex(token), at: new Date().toISOString() });
    return c.json({ ...rec, token }, 201);
  })
  .openapi(list, async (c) => c.json({ tokens: await c.get("services").store.listTokens() }, 200))
  .openapi(revoke, async (c) => {
    const ok = await c.get("services").store.revokeToken(c.req.valid("param").id, new Date().toISOString());
    if (!ok) throw new ApiError(404, "not_found", "No such active token");
    return c.json({ revoked: true as const }, 200);
  });
