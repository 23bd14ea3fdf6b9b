// GET/POST /api/claude/task-list: the project's tasks for Claude Code's own list, and the ids the SessionStart hook gives them there.

import { createRoute, z } from "@hono/zod-openapi";
import { assignClaudeIds, claudeTaskList } from "../../app/claude-list";
import { taskListId } from "../../domain/trackers/claude-tasks";
import { requireScope } from "../../http/auth";
import { useCaseOf } from "../../http/permissions";
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
  // The SessionStart hook asks with the ingest token Claude Code already has.
  middleware: [requireScope("read", "ingest")] as const,
  request: { query: z.object({ cwd: z.string().min(1), list: vList }) },
  responses: { 200: json(z.object({ project: z.string().nullable(), tasks: z.array(vListTask) })), ...errorResponses },
});

const post = createRoute({
  method: "post",
  path: "/api/claude/task-list",
  tags: ["claude"],
  middleware: [requireScope("write", "ingest")] as const,
  request: {
    body: json(z.object({ cwd: z.string().min(1), list: vList, assign: z.array(z.object({ key: z.string().min(1).max(40), claudeId: vClaudeId })).max(500) })),
  },
  responses: { 200: json(z.object({ project: z.string().nullable(), assigned: z.array(z.object({ key: z.string(), claudeId: z.string() })) })), ...errorResponses },
});

export const claudeList = apiRouter()
  .openapi(get, async (c) => {
    const { cwd, list } = c.req.valid("query");
    return c.json(await claudeTaskList(useCaseOf(c), cwd, list), 200);
  })
  .openapi(post, async (c) => {
    const { cwd, list, assign } = c.req.valid("json");
    return c.json(await assignClaudeIds(useCaseOf(c), cwd, list, assign), 200);
  });
