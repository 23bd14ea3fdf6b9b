// GET /api/emails: what was sent or queued (the outbox, or the log of what Resend was asked to send).

import { createRoute, z } from "@hono/zod-openapi";
import { EMAIL_KINDS } from "../../domain/users";
import { hasScope, requireScope } from "../../http/auth";
import { ApiError } from "../../http/errors";
import { apiRouter } from "./router";
import { errorResponses, json } from "./schemas";

const vEmailSummary = z
  .object({
    id: z.string(),
    to: z.string(),
    kind: z.enum(EMAIL_KINDS),
    subject: z.string(),
    taskKey: z.string().nullable(),
    status: z.enum(["queued", "sent", "failed"]),
    createdAt: z.string(),
  })
  .openapi("EmailSummary");

export type EmailSummary = z.infer<typeof vEmailSummary>;

const list = createRoute({
  method: "get",
  path: "/api/emails",
  tags: ["emails"],
  middleware: [requireScope("read")] as const,
  request: {
    query: z.object({
      to: z.string().max(320).optional(),
      kind: z.enum(EMAIL_KINDS).optional(),
      task: z.string().max(40).optional().openapi({ description: "a task key such as HUB-12" }),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: json(z.object({ emails: z.array(vEmailSummary) })), ...errorResponses },
});

export const emails = apiRouter().openapi(list, async (c) => {
  const q = c.req.valid("query");
  const { store } = c.get("services");
  const p = c.get("principal")!;
  let to = q.to;
  // A person's own token lists only that person's mail.
  if (p.userId && !hasScope(p, "admin")) {
    const me = await store.getUser(p.userId);
    if (!me) throw new ApiError(403, "forbidden", "This token's person no longer exists");
    if (to && to.toLowerCase() !== me.email.toLowerCase()) throw new ApiError(403, "forbidden", "A person's token lists only that person's email");
    to = me.email;
  }
  let taskId: string | undefined;
  if (q.task) {
    const t = await store.getTask(q.task);
    if (!t) return c.json({ emails: [] }, 200);
    taskId = t.id;
  }
  const rows = await store.listEmails({ to, kind: q.kind, taskId }, q.limit);
  return c.json(
    { emails: rows.map((e) => ({ id: e.id, to: e.to, kind: e.kind, subject: e.subject, taskKey: e.taskKey ?? null, status: e.status, createdAt: e.createdAt })) },
    200,
  );
});
