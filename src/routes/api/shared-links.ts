// /api/projects/:key/shared-links: the project's read-only links, for its owners and the admin; the secret is answered once, at creation.

import { createRoute, z } from "@hono/zod-openapi";
import { listShareLinks, revokeShareLink } from "../../app/shared-links";
import { SHARE_DAYS_MAX, SHARE_LABEL_MAX } from "../../domain/shared-links";
import { requireScope } from "../../http/auth";
import { useCaseOf } from "../../http/permissions";
import { mintShareLink } from "../../http/share-links";
import { apiRouter } from "./router";
import { body, errorResponses, json } from "./schemas";

const vLink = z
  .object({ id: z.string(), projectId: z.string(), label: z.string(), createdBy: z.string(), createdAt: z.string(), expiresAt: z.string(), revokedAt: z.string().nullable() })
  .openapi("SharedLink");
const keyParam = { params: z.object({ key: z.string() }) };

const list = createRoute({
  method: "get",
  path: "/api/projects/{key}/shared-links",
  tags: ["projects"],
  middleware: [requireScope("read")] as const,
  request: keyParam,
  responses: { 200: json(z.object({ links: z.array(vLink) })), ...errorResponses },
});

const create = createRoute({
  method: "post",
  path: "/api/projects/{key}/shared-links",
  tags: ["projects"],
  middleware: [requireScope("write")] as const,
  request: { ...keyParam, ...body(z.object({ label: z.string().max(SHARE_LABEL_MAX).optional(), days: z.number().int().min(1).max(SHARE_DAYS_MAX).optional() })) },
  responses: { 201: json(z.object({ link: vLink, url: z.string().describe("The link with its secret: shown this once, kept only as a hash") })), ...errorResponses },
});

const revoke = createRoute({
  method: "delete",
  path: "/api/projects/{key}/shared-links/{id}",
  tags: ["projects"],
  middleware: [requireScope("write")] as const,
  request: { params: z.object({ key: z.string(), id: z.string() }) },
  responses: { 200: json(z.object({ revoked: z.literal(true) })), ...errorResponses },
});

export const sharedLinksApi = apiRouter()
  .openapi(list, async (c) => c.json({ links: await listShareLinks(useCaseOf(c), c.req.valid("param").key) }, 200))
  .openapi(create, async (c) => {
    c.header("cache-control", "no-store");
    return c.json(await mintShareLink(c, c.req.valid("param").key, c.req.valid("json")), 201);
  })
  .openapi(revoke, async (c) => {
    const { key, id } = c.req.valid("param");
    await revokeShareLink(useCaseOf(c), key, id);
    return c.json({ revoked: true as const }, 200);
  });
