// /api/users: people, their time zone and digest preferences; admins create, a person reads and edits themselves.

import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { DIGEST_MODES, EMAIL_KINDS, isTimeZone, type User } from "../../domain/users";
import { hasScope, requireScope } from "../../http/auth";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";
import { apiRouter } from "./router";
import { body, errorResponses, json } from "./schemas";

export const vUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    githubLogin: z.string().nullable(),
    timezone: z.string(),
    digest: z.enum(DIGEST_MODES),
    digestHour: z.number().int(),
    unsubscribed: z.array(z.enum(EMAIL_KINDS)),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("User");

const vEmail = z.email().max(320);
const vName = z.string().trim().min(1).max(200);
const vGitHubLogin = z.string().regex(/^[A-Za-z0-9-]{1,39}$/, "a GitHub login").nullish();
const vTimeZone = z.string().refine(isTimeZone, "an IANA time zone such as Europe/Berlin");
const vDigest = z.enum(DIGEST_MODES);
const vDigestHour = z.number().int().min(0).max(23);

export const vNewUser = z
  .object({ email: vEmail, name: vName, githubLogin: vGitHubLogin, timezone: vTimeZone.default("UTC"), digest: vDigest.default("off"), digestHour: vDigestHour.default(8) })
  .openapi("NewUser");

/** The same fields, each optional and without defaults: a patch changes only what it names. */
const vUserPatch = z
  .object({ email: vEmail, name: vName, githubLogin: vGitHubLogin, timezone: vTimeZone, digest: vDigest, digestHour: vDigestHour })
  .partial()
  .openapi("UserPatch");

export type NewUserRequest = z.input<typeof vNewUser>;
export type UserResponse = z.infer<typeof vUser>;

const userJson = (u: User): UserResponse => {
  const { lastDigestAt: _internal, ...rest } = u;
  return rest;
};

const idParam = { params: z.object({ id: z.string() }) };

const create = createRoute({
  method: "post",
  path: "/api/users",
  tags: ["users"],
  middleware: [requireScope("admin")] as const,
  request: body(vNewUser),
  responses: { 201: json(vUser, "Created"), ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: "/api/users/{id}",
  tags: ["users"],
  middleware: [requireScope("read")] as const,
  request: idParam,
  responses: { 200: json(vUser), ...errorResponses },
});

const update = createRoute({
  method: "put",
  path: "/api/users/{id}",
  tags: ["users"],
  middleware: [requireScope("write")] as const,
  request: { ...idParam, ...body(vUserPatch) },
  responses: { 200: json(vUser), ...errorResponses },
});

/** A person's own token sees and edits only that person; admins and tokens of no person see everyone. */
function requireSelf(c: Context<AppEnv>, id: string, edit: boolean) {
  const p = c.get("principal")!;
  if (hasScope(p, "admin") || p.userId === id || (!p.userId && !edit)) return;
  throw new ApiError(403, "forbidden", edit ? "Only that person or an admin may change a user" : "A person's token reads only that person");
}

export const users = apiRouter()
  .openapi(create, async (c) => {
    const u = await c.get("services").store.createUser(c.req.valid("json"), new Date().toISOString());
    return c.json(userJson(u), 201);
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid("param");
    requireSelf(c, id, false);
    const u = await c.get("services").store.getUser(id);
    if (!u) throw new ApiError(404, "not_found", `User ${id} not found`);
    return c.json(userJson(u), 200);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    requireSelf(c, id, true);
    const u = await c.get("services").store.updateUser(id, c.req.valid("json"), new Date().toISOString());
    return c.json(userJson(u), 200);
  });
