// /api/tasks/:key/dependencies: "this task waits for that one"; a dependency that would close a cycle is refused with its path.

import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../http/auth";
import { ApiError } from "../../http/errors";
import { requireTaskRole } from "../../http/permissions";
import { apiRouter } from "./router";
import { body, errorResponses, json } from "./schemas";
import { actorOf } from "./tasks";

const vDependency = z.object({ task: z.string(), dependsOn: z.string(), added: z.boolean() }).openapi("Dependency");

const add = createRoute({
  method: "post",
  path: "/api/tasks/{key}/dependencies",
  tags: ["tasks"],
  middleware: [requireScope("write")] as const,
  request: { params: z.object({ key: z.string() }), ...body(z.object({ dependsOn: z.string().trim().min(1).max(40).openapi({ example: "HUB-3" }) })) },
  responses: { 201: json(vDependency, "Added"), 200: json(vDependency, "It existed already"), ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/api/tasks/{key}/dependencies/{dependsOn}",
  tags: ["tasks"],
  middleware: [requireScope("write")] as const,
  request: { params: z.object({ key: z.string(), dependsOn: z.string() }) },
  responses: { 200: json(z.object({ removed: z.literal(true) })), ...errorResponses },
});


export const dependencies = apiRouter()
  .openapi(add, async (c) => {
    const { key } = c.req.valid("param");
    const { dependsOn } = c.req.valid("json");
    await requireTaskRole(c, key, "write");
    // The blocker may sit in another project: the caller must at least see it, or the answer would reveal it.
    await requireTaskRole(c, dependsOn, "read");
    const added = await c.get("services").store.addDependency(key, dependsOn, actorOf(c), new Date().toISOString());
    return c.json({ task: key.toUpperCase(), dependsOn: dependsOn.toUpperCase(), added }, added ? 201 : 200);
  })
  .openapi(remove, async (c) => {
    const { key, dependsOn } = c.req.valid("param");
    await requireTaskRole(c, key, "write");
    if (!(await c.get("services").store.removeDependency(key, dependsOn, actorOf(c), new Date().toISOString()))) {
      throw new ApiError(404, "not_found", `${key} does not depend on ${dependsOn}`);
    }
    return c.json({ removed: true as const }, 200);
  });
