// /api/tasks/:key/dependencies: "this task waits for that one"; a dependency that would close a cycle is refused with its path.

import { createRoute, z } from "@hono/zod-openapi";
import { addDependency, removeDependency } from "../../app/dependencies";
import { dependencyInput } from "../../app/inputs";
import { requireScope } from "../../http/auth";
import { useCaseOf } from "../../http/permissions";
import { apiRouter } from "./router";
import { body, errorResponses, json } from "./schemas";

const vDependency = z.object({ task: z.string(), dependsOn: z.string(), added: z.boolean() }).openapi("Dependency");

const add = createRoute({
  method: "post",
  path: "/api/tasks/{key}/dependencies",
  tags: ["tasks"],
  middleware: [requireScope("write")] as const,
  request: { params: z.object({ key: z.string() }), ...body(dependencyInput) },
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
    const input = c.req.valid("json");
    const added = await addDependency(useCaseOf(c), key, input);
    return c.json({ task: key.toUpperCase(), dependsOn: input.dependsOn.toUpperCase(), added }, added ? 201 : 200);
  })
  .openapi(remove, async (c) => {
    const { key, dependsOn } = c.req.valid("param");
    await removeDependency(useCaseOf(c), key, { dependsOn });
    return c.json({ removed: true as const }, 200);
  });
