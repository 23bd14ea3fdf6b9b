// GET /api/export?project= streams a project as NDJSON; POST /api/import loads such a file into an empty project.

import { createRoute, z } from "@hono/zod-openapi";
import { stream } from "hono/streaming";
import { ImportError, parseNdjson, rekey } from "../../domain/export";
import { PROJECT_KEY_PATTERN } from "../../domain/projects";
import { requireScope } from "../../http/auth";
import { ApiError } from "../../http/errors";
import { requireProject, useCaseOf } from "../../http/permissions";
import { apiRouter } from "./router";
import { errorResponses, json } from "./schemas";

const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const exportRoute = createRoute({
  method: "get",
  path: "/api/export",
  tags: ["export"],
  middleware: [requireScope("read")] as const,
  request: { query: z.object({ project: z.string().min(1) }) },
  responses: {
    200: { description: "One JSON record per line: project, tasks, dependencies, comments, time, links, activity", content: { "application/x-ndjson": { schema: z.string() } } },
    ...errorResponses,
  },
});

const importRoute = createRoute({
  method: "post",
  path: "/api/import",
  tags: ["export"],
  middleware: [requireScope("admin")] as const,
  request: {
    query: z.object({ project: z.string().regex(PROJECT_KEY_PATTERN).optional().openapi({ description: "import under this key instead of the file's" }) }),
    body: { content: { "application/x-ndjson": { schema: z.string() } }, required: true },
  },
  responses: { 201: json(z.object({ project: z.string(), counts: z.record(z.string(), z.number()) }), "Imported"), ...errorResponses },
});

export const exportImport = apiRouter()
  .openapi(exportRoute, async (c) => {
    const project = await requireProject(c, c.req.valid("query").project, "read");
    const records = await c.get("services").store.exportProject(project.key);
    c.header("content-type", "application/x-ndjson; charset=utf-8");
    c.header("content-disposition", `attachment; filename="${records[0].type === "project" ? records[0].key : "project"}.ndjson"`);
    return stream(c, async (s) => {
      for (const r of records) await s.write(`${JSON.stringify(r)}\n`);
    }) as never;
  })
  .openapi(importRoute, async (c) => {
    const text = await c.req.text();
    if (text.length > MAX_IMPORT_BYTES) throw new ApiError(413, "payload_too_large", `An import is at most ${MAX_IMPORT_BYTES} bytes`);
    let records;
    try {
      records = parseNdjson(text);
      const key = c.req.valid("query").project;
      if (key) records = rekey(records, key);
      return c.json(await c.get("services").store.importProject(records, useCaseOf(c).actor, new Date().toISOString()), 201);
    } catch (e) {
      if (e instanceof ImportError) throw new ApiError(400, "invalid_import", e.message, { line: e.line });
      throw e;
    }
  });
