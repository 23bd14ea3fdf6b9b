// GET /api/export?project= streams a project as NDJSON; POST /api/import loads such a file into an empty project.

import { createRoute, z } from "@hono/zod-openapi";
import { stream } from "hono/streaming";
import { importProjectFile } from "../../app/projects";
import { ImportError, parseNdjson, rekey } from "../../domain/export";
import { PROJECT_KEY_PATTERN } from "../../domain/projects";
import { toBacklog } from "../../domain/trackers/backlog";
import { toBeads } from "../../domain/trackers/beads";
import { trackerTasksOf } from "../../domain/trackers/from-project";
import { toTaskMaster } from "../../domain/trackers/taskmaster";
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
  request: {
    query: z.object({
      project: z.string().min(1),
      format: z.enum(["ndjson", "beads", "taskmaster", "backlog"]).optional().openapi({ description: "ndjson (default), or a tracker's own files" }),
    }),
  },
  responses: {
    200: {
      description:
        "ndjson: one JSON record per line (project, tasks, dependencies, comments, time, links, activity); beads: .beads/issues.jsonl; " +
        "taskmaster: tasks.json; backlog: {files: [{path, text}]}",
      content: { "application/x-ndjson": { schema: z.string() }, "application/json": { schema: z.unknown() } },
    },
    ...errorResponses,
  },
});

const importRoute = createRoute({
  method: "post",
  path: "/api/import",
  tags: ["export"],
  middleware: [requireScope("admin")] as const,
  request: {
    query: z.object({
      project: z.string().regex(PROJECT_KEY_PATTERN).optional().openapi({ description: "import under this key instead of the file's" }),
      claims: z
        .enum(["refuse", "move", "drop"])
        .optional()
        .openapi({ description: "repositories and folders another project holds: refuse (409, the default), move them here, or drop them from the import" }),
    }),
    body: { content: { "application/x-ndjson": { schema: z.string() } }, required: true },
  },
  responses: { 201: json(z.object({ project: z.string(), counts: z.record(z.string(), z.number()) }), "Imported"), ...errorResponses },
});

export const exportImport = apiRouter()
  .openapi(exportRoute, async (c) => {
    const project = await requireProject(c, c.req.valid("query").project, "read");
    const records = await c.get("services").store.exportProject(project.key);
    const format = c.req.valid("query").format ?? "ndjson";
    if (format !== "ndjson") {
      const tasks = trackerTasksOf(records);
      if (format === "backlog") return c.json({ files: toBacklog(tasks) }, 200) as never;
      const text = format === "beads" ? toBeads(tasks) : toTaskMaster(tasks, "master");
      return c.body(text, 200, { "content-type": format === "beads" ? "application/x-ndjson; charset=utf-8" : "application/json; charset=utf-8" }) as never;
    }
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
      const { project: key, claims } = c.req.valid("query");
      if (key) records = rekey(records, key);
      return c.json(await importProjectFile(useCaseOf(c), records, claims), 201);
    } catch (e) {
      if (e instanceof ImportError) throw new ApiError(400, "invalid_import", e.message, { line: e.line });
      throw e;
    }
  });
