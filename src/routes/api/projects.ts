// /api/projects: create (admins), list and read (what the caller may read), change settings (owners) of projects.

import { createRoute, z } from "@hono/zod-openapi";
import type { Project } from "../../ports/store";
import { requireScope } from "../../http/auth";
import { createProject, updateProject } from "../../app/projects";
import { readableProjectList, requireProject, useCaseOf } from "../../http/permissions";
import { apiRouter } from "./router";
import { body, errorResponses, json, taskJson, vNewProject, vProject, vProjectPatch, vTask } from "./schemas";

const projectJson = (p: Project) => ({
  id: p.id, key: p.key, name: p.name, description: p.description, status: p.status, repos: p.repos, paths: p.paths, createdAt: p.createdAt,
});

const create = createRoute({
  method: "post",
  path: "/api/projects",
  tags: ["projects"],
  middleware: [requireScope("admin")] as const,
  request: body(vNewProject),
  responses: { 201: json(vProject, "Created"), ...errorResponses },
});

const list = createRoute({
  method: "get",
  path: "/api/projects",
  tags: ["projects"],
  middleware: [requireScope("read")] as const,
  responses: { 200: json(z.object({ projects: z.array(vProject) })), ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: "/api/projects/{key}",
  tags: ["projects"],
  middleware: [requireScope("read")] as const,
  request: { params: z.object({ key: z.string() }) },
  responses: { 200: json(vProject), ...errorResponses },
});

const update = createRoute({
  method: "put",
  path: "/api/projects/{key}",
  tags: ["projects"],
  // Settings are the owners' (and admins'): the write scope, then the manage role.
  middleware: [requireScope("write")] as const,
  request: { params: z.object({ key: z.string() }), ...body(vProjectPatch) },
  responses: { 200: json(vProject), ...errorResponses },
});

const projectTasks = createRoute({
  method: "get",
  path: "/api/projects/{key}/tasks",
  tags: ["projects"],
  middleware: [requireScope("read")] as const,
  request: {
    params: z.object({ key: z.string() }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().optional() }),
  },
  responses: { 200: json(z.object({ tasks: z.array(vTask), nextCursor: z.string().nullable() })), ...errorResponses },
});

export const projects = apiRouter()
  .openapi(create, async (c) => {
    const p = await createProject(useCaseOf(c), c.req.valid("json"));
    return c.json(projectJson(p), 201);
  })
  .openapi(list, async (c) => c.json({ projects: (await readableProjectList(c)).map(projectJson) }, 200))
  .openapi(get, async (c) => c.json(projectJson(await requireProject(c, c.req.valid("param").key, "read")), 200))
  .openapi(update, async (c) => {
    const p = await updateProject(useCaseOf(c), c.req.valid("param").key, c.req.valid("json"));
    return c.json(projectJson(p), 200);
  })
  .openapi(projectTasks, async (c) => {
    const key = c.req.valid("param").key;
    const { store } = c.get("services");
    await requireProject(c, key, "read");
    const q = c.req.valid("query");
    const page = await store.listTasks({ projectKey: key }, q.limit, q.cursor ?? null);
    return c.json({ tasks: page.items.map(taskJson), nextCursor: page.nextCursor }, 200);
  });
