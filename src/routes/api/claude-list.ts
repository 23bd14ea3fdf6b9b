// GET/POST /api/claude/task-list: the project's tasks for Claude Code's own list, and the ids the SessionStart hook gives them there.

import { createRoute, z } from "@hono/zod-openapi";
import { assignClaudeIds, claudeTaskList } from "../../app/claude-list";
import { now } from "../../app/context";
import { taskListId } from "../../domain/trackers/claude-tasks";
import { needsRole } from "../../domain/permissions";
import { hasScope, requirePrincipal } from "../../http/auth";
import { ApiError } from "../../http/errors";
import { askerOf, requireProjectRole } from "../../http/permissions";
import { projectOfCwd } from "./context";
import { apiRouter } from "./router";
import { errorResponses, json } from "./schemas";

const vList = z.string().refine((s) => { const p = taskListId(s); return p.ok && p.list !== null; }, "a task list id: letters, digits, '.', '_' or '-', at most 200");
const vClaudeId = z.string().regex(/^[1-9]\d{0,8}$/, "a task id of the list: 1, 2, …");

const vListTask = z
  .object({
    key: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(["pending", "in_progress", "completed"]),
    activeForm: z.string(),
    blocks: z.array(z.string()),
    blockedBy: z.array(z.string()),
    claudeId: z.string().optional(),
  })
  .openapi("ClaudeListTask");

const get = createRoute({
  method: "get",
  path: "/api/claude/task-list",
  tags: ["claude"],
  middleware: [requirePrincipal] as const,
  request: { query: z.object({ cwd: z.string().min(1), list: vList }) },
  responses: { 200: json(z.object({ project: z.string().nullable(), tasks: z.array(vListTask) })), ...errorResponses },
});

const post = createRoute({
  method: "post",
  path: "/api/claude/task-list",
  tags: ["claude"],
  middleware: [requirePrincipal] as const,
  request: {
    body: json(z.object({ cwd: z.string().min(1), list: vList, assign: z.array(z.object({ key: z.string().min(1).max(40), claudeId: vClaudeId })).max(500) })),
  },
  responses: { 200: json(z.object({ project: z.string().nullable(), assigned: z.array(z.object({ key: z.string(), claudeId: z.string() })) })), ...errorResponses },
});

export const claudeList = apiRouter()
  .openapi(get, async (c) => {
    const { cwd, list } = c.req.valid("query");
    const project = await projectOfCwd(c, cwd);
    if (!project) return c.json({ project: null, tasks: [] }, 200);
    return c.json({ project: project.key, tasks: await claudeTaskList(c.get("services").store, project, list) }, 200);
  })
  .openapi(post, async (c) => {
    const { cwd, list, assign } = c.req.valid("json");
    const project = await projectOfCwd(c, cwd);
    // Giving a task a key is a write: the hook's ingest token may, a read-only one may not, nor a project's viewer.
    if (!hasScope(c.get("principal")!, "ingest") && !hasScope(c.get("principal")!, "write")) {
      throw new ApiError(403, "forbidden", "This token lacks the ingest or write scope");
    }
    if (!project) return c.json({ project: null, assigned: [] }, 200);
    if (needsRole(askerOf(c))) await requireProjectRole(c, project, "write");
    return c.json({ project: project.key, assigned: await assignClaudeIds(c.get("services").store, project, list, assign, now()) }, 200);
  });
