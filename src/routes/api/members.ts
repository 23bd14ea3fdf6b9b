// /api/projects/:key/members: who belongs to a project and in which role; owners (and admins) manage them.

import { createRoute, z } from "@hono/zod-openapi";
import { ROLES } from "../../domain/permissions";
import { memberInput } from "../../app/inputs";
import { listMembers, removeMember, setMember } from "../../app/members";
import { requireScope } from "../../http/auth";
import { useCaseOf } from "../../http/permissions";
import { apiRouter } from "./router";
import { body, errorResponses, json } from "./schemas";

const vMember = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES) }).openapi("Member");
const memberParams = { params: z.object({ key: z.string(), userId: z.string() }) };

const list = createRoute({
  method: "get",
  path: "/api/projects/{key}/members",
  tags: ["projects"],
  middleware: [requireScope("read")] as const,
  request: { params: z.object({ key: z.string() }) },
  responses: { 200: json(z.object({ members: z.array(vMember) })), ...errorResponses },
});

const put = createRoute({
  method: "put",
  path: "/api/projects/{key}/members/{userId}",
  tags: ["projects"],
  middleware: [requireScope("write")] as const,
  request: { ...memberParams, ...body(memberInput) },
  responses: { 200: json(vMember), ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/api/projects/{key}/members/{userId}",
  tags: ["projects"],
  middleware: [requireScope("write")] as const,
  request: memberParams,
  responses: { 200: json(z.object({ removed: z.literal(true) })), ...errorResponses },
});

export const members = apiRouter()
  .openapi(list, async (c) => c.json({ members: await listMembers(useCaseOf(c), c.req.valid("param").key) }, 200))
  .openapi(put, async (c) => {
    const { key, userId } = c.req.valid("param");
    return c.json(await setMember(useCaseOf(c), key, userId, c.req.valid("json")), 200);
  })
  .openapi(remove, async (c) => {
    const { key, userId } = c.req.valid("param");
    await removeMember(useCaseOf(c), key, userId);
    return c.json({ removed: true as const }, 200);
  });
