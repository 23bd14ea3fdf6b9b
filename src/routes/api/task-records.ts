// /api/tasks/{key}/comments and /time: what people say about a task and the time they spend on it.

import { createRoute, z } from "@hono/zod-openapi";
import { DESCRIPTION_MAX } from "../../domain/tasks";
import type { Context } from "hono";
import { requireScope } from "../../http/auth";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";
import { requireTaskRole } from "../../http/permissions";
import { apiRouter } from "./router";
import { body, errorResponses, json } from "./schemas";
import { actorOf } from "./tasks";

const keyParam = { params: z.object({ key: z.string().openapi({ example: "HUB-12" }) }) };
const vComment = z.object({ id: z.string(), author: z.string(), body: z.string(), createdAt: z.string() }).openapi("Comment");
const vTimeEntry = z
  .object({ id: z.string(), userId: z.string().nullable(), minutes: z.number().int(), source: z.enum(["session", "commit", "manual"]), ref: z.string().nullable(), createdAt: z.string() })
  .openapi("TimeEntry");

const listComments = createRoute({
  method: "get",
  path: "/api/tasks/{key}/comments",
  tags: ["tasks"],
  middleware: [requireScope("read")] as const,
  request: keyParam,
  responses: { 200: json(z.object({ comments: z.array(vComment) })), ...errorResponses },
});

const addComment = createRoute({
  method: "post",
  path: "/api/tasks/{key}/comments",
  tags: ["tasks"],
  middleware: [requireScope("write")] as const,
  request: { ...keyParam, ...body(z.object({ body: z.string().trim().min(1).max(DESCRIPTION_MAX) })) },
  responses: { 201: json(vComment, "Created"), ...errorResponses },
});

const listTime = createRoute({
  method: "get",
  path: "/api/tasks/{key}/time",
  tags: ["tasks"],
  middleware: [requireScope("read")] as const,
  request: keyParam,
  responses: { 200: json(z.object({ timeEntries: z.array(vTimeEntry), totalMinutes: z.number().int() })), ...errorResponses },
});

const addTime = createRoute({
  method: "post",
  path: "/api/tasks/{key}/time",
  tags: ["tasks"],
  middleware: [requireScope("write")] as const,
  request: { ...keyParam, ...body(z.object({ minutes: z.number().int().min(1).max(24 * 60), note: z.string().max(200).optional() })) },
  responses: { 201: json(vTimeEntry, "Created"), ...errorResponses },
});

async function recordsOf(c: Context<AppEnv>, key: string) {
  await requireTaskRole(c, key, "read");
  const r = await c.get("services").store.taskRecords(key);
  if (!r) throw new ApiError(404, "not_found", `Task ${key} not found`);
  return r;
}

export const taskRecords = apiRouter()
  .openapi(listComments, async (c) => c.json({ comments: (await recordsOf(c, c.req.valid("param").key)).comments }, 200))
  .openapi(addComment, async (c) => {
    await requireTaskRole(c, c.req.valid("param").key, "write");
    const comment = await c.get("services").store.addComment(c.req.valid("param").key, c.req.valid("json").body, actorOf(c), new Date().toISOString());
    return c.json(comment, 201);
  })
  .openapi(listTime, async (c) => {
    const { timeEntries } = await recordsOf(c, c.req.valid("param").key);
    return c.json({ timeEntries, totalMinutes: timeEntries.reduce((n, e) => n + e.minutes, 0) }, 200);
  })
  .openapi(addTime, async (c) => {
    const input = c.req.valid("json");
    await requireTaskRole(c, c.req.valid("param").key, "write");
    const entry = await c
      .get("services")
      .store.addTimeEntry(c.req.valid("param").key, { minutes: input.minutes, userId: c.get("principal")!.userId, source: "manual", ref: input.note ?? null }, actorOf(c), new Date().toISOString());
    return c.json(entry, 201);
  });
