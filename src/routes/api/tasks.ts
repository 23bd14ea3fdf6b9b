// /api/tasks: list, create, read and change tasks, through the task use cases (src/app/tasks.ts).

import { createRoute, z } from "@hono/zod-openapi";
import { cursorInput, moveInput, priorityInput } from "../../app/inputs";
import * as useCases from "../../app/tasks";
import { requireScope } from "../../http/auth";
import { ApiError } from "../../http/errors";
import { useCaseOf } from "../../http/permissions";
import { apiRouter } from "./router";
import { body, errorResponses, json, taskJson, vNewTask, vStatus, vTask, vTaskPatch } from "./schemas";

const keyParam = { params: z.object({ key: z.string().openapi({ example: "HUB-12" }) }) };
const vTaskDetail = vTask
  .extend({
    links: z.array(z.object({ kind: z.string(), ref: z.string(), url: z.string().nullable(), state: z.string().nullable(), title: z.string().nullable(), createdAt: z.string() })),
    activity: z.array(z.object({ id: z.number(), at: z.string(), actor: z.string(), action: z.string(), data: z.record(z.string(), z.unknown()) })),
    dependsOn: z.array(z.string()),
    blocks: z.array(z.string()),
    parent: z.string().nullable().openapi({ description: "The parent task's key", example: "HUB-3" }),
    subtasks: z.array(z.string()).openapi({ description: "The subtasks' keys, oldest first" }),
  })
  .openapi("TaskDetail");

const list = createRoute({
  method: "get",
  path: "/api/tasks",
  tags: ["tasks"],
  middleware: [requireScope("read")] as const,
  request: {
    query: z.object({
      project: z.string().optional(),
      status: z.string().optional().openapi({ description: "one status or several, comma-separated" }),
      priority: z.string().optional(),
      assignee: z.string().optional(),
      tag: z.string().optional(),
      q: z.string().max(200).optional().openapi({ description: "text search in title and description" }),
      dueBefore: z.iso.datetime({ offset: true }).optional(),
      dueAfter: z.iso.datetime({ offset: true }).optional(),
      blocked: z.enum(["true", "false"]).optional().openapi({ description: "true: only tasks with an open blocker" }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: cursorInput.optional(),
    }),
  },
  responses: { 200: json(z.object({ tasks: z.array(vTask), nextCursor: z.string().nullable() })), ...errorResponses },
});

const create = createRoute({
  method: "post",
  path: "/api/tasks",
  tags: ["tasks"],
  middleware: [requireScope("write")] as const,
  request: body(vNewTask),
  responses: { 201: json(vTask, "Created"), ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: "/api/tasks/{key}",
  tags: ["tasks"],
  middleware: [requireScope("read")] as const,
  request: keyParam,
  responses: { 200: json(vTaskDetail), ...errorResponses },
});

const update = createRoute({
  method: "put",
  path: "/api/tasks/{key}",
  tags: ["tasks"],
  middleware: [requireScope("write")] as const,
  request: { ...keyParam, ...body(vTaskPatch) },
  responses: { 200: json(vTask), ...errorResponses },
});

const setStatus = createRoute({
  method: "put",
  path: "/api/tasks/{key}/status",
  tags: ["tasks"],
  middleware: [requireScope("write")] as const,
  request: { ...keyParam, ...body(moveInput) },
  responses: { 200: json(vTask), ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/api/tasks/{key}",
  tags: ["tasks"],
  middleware: [requireScope("write")] as const,
  request: keyParam,
  responses: { 200: json(z.object({ deleted: z.string() })), ...errorResponses },
});

export const tasks = apiRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    const statuses = q.status?.split(",").map((s) => vStatus.parse(s.trim()));
    // Only the projects the caller may read: an unreadable project filters to nothing, as an unknown one does.
    const filter = {
      projectKey: q.project, status: statuses, priority: q.priority ? vPriority(q.priority) : undefined, assigneeId: q.assignee, tag: q.tag, q: q.q,
      dueBefore: q.dueBefore, dueAfter: q.dueAfter, blocked: q.blocked === undefined ? undefined : q.blocked === "true",
    };
    const page = await useCases.listTasks(useCaseOf(c), filter, q.limit, q.cursor);
    return c.json({ tasks: page.items.map(taskJson), nextCursor: page.nextCursor }, 200);
  })
  .openapi(create, async (c) => c.json(taskJson(await useCases.createTask(useCaseOf(c), c.req.valid("json"))), 201))
  .openapi(get, async (c) => {
    const t = await useCases.getTask(useCaseOf(c), c.req.valid("param").key);
    return c.json({ ...taskJson(t), links: t.links, activity: t.activity, dependsOn: t.dependsOn, blocks: t.blocks, parent: t.parent, subtasks: t.subtasks }, 200);
  })
  .openapi(update, async (c) => c.json(taskJson(await useCases.updateTask(useCaseOf(c), c.req.valid("param").key, c.req.valid("json"))), 200))
  .openapi(setStatus, async (c) => c.json(taskJson(await useCases.moveTask(useCaseOf(c), c.req.valid("param").key, c.req.valid("json"))), 200))
  .openapi(remove, async (c) => c.json({ deleted: (await useCases.deleteTask(useCaseOf(c), c.req.valid("param").key)).key }, 200));

function vPriority(p: string) {
  const r = priorityInput.safeParse(p);
  if (!r.success) throw new ApiError(400, "invalid_request", `Unknown priority ${p}`);
  return r.data;
}
