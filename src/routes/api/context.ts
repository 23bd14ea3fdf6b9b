// GET /api/context?cwd=: what a new Claude Code session should know: its project's open tasks.

import { createRoute, z } from "@hono/zod-openapi";
import { projectOfCwd } from "../../app/projects";
import { formatContext } from "../../domain/context";
import { OPEN_STATUSES } from "../../domain/tasks";
import { requirePrincipal } from "../../http/auth";
import { useCaseOf } from "../../http/permissions";
import { apiRouter } from "./router";
import { errorResponses, json } from "./schemas";

/** More than 2,000 characters can show; ranking needs the urgent ones among them, wherever they sit by number. */
const CONTEXT_TASKS = 200;

const context = createRoute({
  method: "get",
  path: "/api/context",
  tags: ["claude"],
  // Who is asking is checked before the query, so an anonymous caller learns nothing of the route's schema.
  middleware: [requirePrincipal] as const,
  request: { query: z.object({ cwd: z.string().min(1) }) },
  responses: { 200: json(z.object({ project: z.string().nullable(), additionalContext: z.string() })), ...errorResponses },
});

export const contextRoute = apiRouter().openapi(context, async (c) => {
  const project = await projectOfCwd(useCaseOf(c), c.req.valid("query").cwd);
  const { store } = c.get("services");
  if (!project) return c.json({ project: null, additionalContext: "" }, 200);
  const open = { projectKey: project.key, status: [...OPEN_STATUSES] };
  // Blocked means an open dependency: such a task is listed, but after everything that can start now.
  const [free, blocked] = await Promise.all([
    store.listTasks({ ...open, blocked: false }, CONTEXT_TASKS, null),
    store.listTasks({ ...open, blocked: true }, CONTEXT_TASKS, null),
  ]);
  const tasks = [...free.items.map((t) => ({ ...t, blocked: false })), ...blocked.items.map((t) => ({ ...t, blocked: true }))];
  return c.json({ project: project.key, additionalContext: formatContext(project.key, tasks) }, 200);
});
