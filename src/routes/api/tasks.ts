// /api/tasks: list, create, read and change tasks; every change emits its events.

import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requireScope } from "../../http/auth";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";
import { readableFilter, requireProject, requireTaskRole } from "../../http/permissions";
import type { TaskChange } from "../../ports/store";
import { taskEventsOf } from "../../workflows/task-events";
import { apiRouter } from "./router";
import { resolveAssignee } from "./users";
import { body, errorResponses, json, taskJson, vNewTask, vStatus, vTask, vTaskPatch } from "./schemas";

const keyParam = { params: z.object({ key: z.string().openapi({ example: "HUB-12" }) }) };
const vTaskDetail = vTask
  .extend({
    links: z.array(z.object({ kind: z.string(), ref: z.string(), url: z.string().nullable(), state: z.string().nullable(), title: z.string().nullable(), createdAt: z.string() })),
    activity: z.array(z.object({ id: z.number(), at: z.string(), actor: z.string(), action: z.string(), data: z.record(z.string(), z.unknown()) })),
    dependsOn: z.array(z.string()),
    blocks: z.array(z.string()),
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
      cursor: z.string().optional(),
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
  request: { ...keyParam, ...body(z.object({ status: vStatus })) },
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

export const actorOf = (c: Context<AppEnv>) => {
  const p = c.get("principal")!;
  return p.userId ? `user:${p.userId}` : `token:${p.name}`;
};

export async function emitChanges(c: Context<AppEnv>, changes: TaskChange[]) {
  const { store, engine } = c.get("services");
  const events = await taskEventsOf(store, changes, new Date().toISOString());
  if (events.length) await engine.send(events);
}

export const tasks = apiRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    const statuses = q.status?.split(",").map((s) => vStatus.parse(s.trim()));
    // Only the projects the caller may read: an unreadable project filters to nothing, as an unknown one does.
    const filter = await readableFilter(c, {
      projectKey: q.project, status: statuses, priority: q.priority ? vPriority(q.priority) : undefined, assigneeId: q.assignee, tag: q.tag, q: q.q,
      dueBefore: q.dueBefore, dueAfter: q.dueAfter, blocked: q.blocked === undefined ? undefined : q.blocked === "true",
    });
    const page = await c.get("services").store.listTasks(
      filter,
      q.limit,
      q.cursor ?? null,
    );
    return c.json({ tasks: page.items.map(taskJson), nextCursor: page.nextCursor }, 200);
  })
  .openapi(create, async (c) => {
    const { assignee, ...input } = c.req.valid("json");
    await requireProject(c, input.project, "write");
    const assigneeId = await resolveAssignee(c, assignee);
    const task = await c.get("services").store.createTask({ ...input, projectKey: input.project, assigneeId }, actorOf(c), new Date().toISOString());
    await emitChanges(c, [{ task, from: null }]);
    return c.json(taskJson(task), 201);
  })
  .openapi(get, async (c) => {
    const t = await requireTaskRole(c, c.req.valid("param").key, "read");
    return c.json({ ...taskJson(t), links: t.links, activity: t.activity, dependsOn: t.dependsOn, blocks: t.blocks }, 200);
  })
  .openapi(update, async (c) => {
    const { key } = c.req.valid("param");
    const { assignee, ...patch } = c.req.valid("json");
    await requireTaskRole(c, key, "write");
    const assigneeId = await resolveAssignee(c, assignee);
    const change = await c.get("services").store.updateTask(key, { ...patch, assigneeId }, actorOf(c), new Date().toISOString());
    await emitChanges(c, [change]);
    return c.json(taskJson(change.task), 200);
  })
  .openapi(setStatus, async (c) => {
    await requireTaskRole(c, c.req.valid("param").key, "write");
    const change = await c.get("services").store.updateTask(c.req.valid("param").key, c.req.valid("json"), actorOf(c), new Date().toISOString());
    await emitChanges(c, [change]);
    return c.json(taskJson(change.task), 200);
  })
  .openapi(remove, async (c) => {
    await requireTaskRole(c, c.req.valid("param").key, "write");
    const t = await c.get("services").store.deleteTask(c.req.valid("param").key, actorOf(c), new Date().toISOString());
    return c.json({ deleted: t.key }, 200);
  });

function vPriority(p: string) {
  const r = z.enum(["low", "medium", "high", "urgent"]).safeParse(p);
  if (!r.success) throw new ApiError(400, "invalid_request", `Unknown priority ${p}`);
  return r.data;
}
