// GET /api/context?cwd=: what a new Claude Code session should know: its project's open tasks.

import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Project } from "../../domain/projects";
import type { AppEnv } from "../../http/context";
import { formatContext } from "../../domain/context";
import { matchProjectByCwd } from "../../domain/projects";
import { OPEN_STATUSES } from "../../domain/tasks";
import { ApiError } from "../../http/errors";
import { hasScope, requirePrincipal } from "../../http/auth";
import { needsRole } from "../../domain/permissions";
import { askerOf } from "../../http/permissions";
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

/**
 * The project a session's working directory belongs to, among those the caller may read. The SessionStart hook
 * runs with the ingest token Claude Code already has, so the ingest scope may make this read too.
 */
export async function projectOfCwd(c: Context<AppEnv>, cwd: string): Promise<Project | null> {
  const p = c.get("principal");
  if (!p) throw new ApiError(401, "unauthorized", "A bearer token is required");
  if (!hasScope(p, "read") && !hasScope(p, "ingest")) throw new ApiError(403, "forbidden", "This token lacks the read or ingest scope");
  const { store } = c.get("services");
  // A person's token sees only the projects where they hold a role.
  const asker = askerOf(c);
  const roles = needsRole(asker) ? await store.rolesOf(asker.userId!) : null;
  const projects = (await store.listProjects()).filter((x) => !roles || roles[x.id]);
  return matchProjectByCwd(projects, cwd);
}

export const contextRoute = apiRouter().openapi(context, async (c) => {
  const project = await projectOfCwd(c, c.req.valid("query").cwd);
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
