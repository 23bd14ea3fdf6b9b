// /api/projects/:key/members: who belongs to a project and in which role; owners (and admins) manage them.

import { createRoute, z } from "@hono/zod-openapi";
import { ROLES } from "../../domain/permissions";
import { requireScope } from "../../http/auth";
import { ApiError } from "../../http/errors";
import { requireProject } from "../../http/permissions";
import { apiRouter } from "./router";
import { body, errorResponses, json } from "./schemas";
import { actorOf } from "./tasks";

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
  request: { ...memberParams, ...body(z.object({ role: z.enum(ROLES) })) },
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
  .openapi(list, async (c) => {
    const project = await requireProject(c, c.req.valid("param").key, "read");
    return c.json({ members: await c.get("services").store.listMembers(project.key) }, 200);
  })
  .openapi(put, async (c) => {
    const { key, userId } = c.req.valid("param");
    const project = await requireProject(c, key, "manage");
    const m = await c.get("services").store.setMember(project.key, userId, c.req.valid("json").role, actorOf(c), new Date().toISOString());
    return c.json(m, 200);
  })
  .openapi(remove, async (c) => {
    const { key, userId } = c.req.valid("param");
    const project = await requireProject(c, key, "manage");
    if (!(await c.get("services").store.removeMember(project.key, userId, actorOf(c), new Date().toISOString()))) {
      throw new ApiError(404, "not_found", `${userId} is not a member of ${project.key}`);
    }
    return c.json({ removed: true as const }, 200);
  });
