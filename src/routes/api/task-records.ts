// /api/tasks/{key}/comments and /time: what people say about a task and the time they spend on it.

import { createRoute, z } from "@hono/zod-openapi";
import { commentInput, timeEntryInput } from "../../app/inputs";
import { addComment as comment, logTime, taskRecords as recordsOf } from "../../app/task-records";
import { requireScope } from "../../http/auth";
import { useCaseOf } from "../../http/permissions";
import { apiRouter } from "./router";
import { body, errorResponses, json } from "./schemas";

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
  request: { ...keyParam, ...body(commentInput) },
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
  request: { ...keyParam, ...body(timeEntryInput) },
  responses: { 201: json(vTimeEntry, "Created"), ...errorResponses },
});

export const taskRecords = apiRouter()
  .openapi(listComments, async (c) => c.json({ comments: (await recordsOf(useCaseOf(c), c.req.valid("param").key)).comments }, 200))
  .openapi(addComment, async (c) => c.json(await comment(useCaseOf(c), c.req.valid("param").key, c.req.valid("json")), 201))
  .openapi(listTime, async (c) => {
    const { timeEntries } = await recordsOf(useCaseOf(c), c.req.valid("param").key);
    return c.json({ timeEntries, totalMinutes: timeEntries.reduce((n, e) => n + e.minutes, 0) }, 200);
  })
  .openapi(addTime, async (c) => c.json(await logTime(useCaseOf(c), c.req.valid("param").key, c.req.valid("json")), 201));
