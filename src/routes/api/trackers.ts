// POST /api/import/tracker?project=KEY: a tracker's files (beads, Task Master, Backlog.md, Claude's list) into a project.

import { createRoute, z } from "@hono/zod-openapi";
import { stream } from "hono/streaming";
import { trackerImportInput } from "../../app/inputs";
import { applyTrackerImport, prepareTrackerImport, trackerImportSteps } from "../../app/trackers";
import { PROJECT_KEY_PATTERN } from "../../domain/projects";
import { requireScope } from "../../http/auth";
import { limitBody } from "../../http/ingest";
import { useCaseOf } from "../../http/permissions";
import { apiRouter } from "./router";
import { body, errorResponses } from "./schemas";

const entry = z.object({ value: z.string(), count: z.number(), became: z.string() });
const vTrackerImport = z
  .object({
    project: z.string(),
    from: z.string(),
    tasks: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    accounting: z.object({
      statuses: z.array(entry),
      priorities: z.array(entry),
      types: z.array(entry),
      linkKinds: z.array(entry),
      skipped: z.array(z.object({ item: z.string(), reason: z.string() })),
      unresolved: z.array(z.object({ from: z.string(), to: z.string(), kind: z.string() })),
      truncated: z.array(z.object({ externalKey: z.string(), field: z.string() })),
    }),
  })
  .openapi("TrackerImport");

const route = createRoute({
  method: "post",
  path: "/api/import/tracker",
  tags: ["export"],
  middleware: [limitBody, requireScope("write")] as const,
  request: {
    query: z.object({
      project: z.string().regex(PROJECT_KEY_PATTERN),
      progress: z.literal("1").optional().openapi({ description: "1: answer NDJSON, {done, total} lines as it writes, then {result}" }),
    }),
    ...body(trackerImportInput),
  },
  responses: {
    200: {
      description: "What the import did; the same files again change nothing",
      content: { "application/json": { schema: vTrackerImport }, "application/x-ndjson": { schema: z.string() } },
    },
    ...errorResponses,
  },
});

/** A progress line at most this often (in steps), so a large import does not write a line per task. */
const PROGRESS_EVERY = 10;

export const trackers = apiRouter().openapi(route, async (c) => {
  const ctx = useCaseOf(c);
  const { project, progress } = c.req.valid("query");
  // Everything that can refuse the import happens before the first byte, so refusals keep their status.
  const prepared = await prepareTrackerImport(ctx, project, c.req.valid("json"));
  if (!progress) return c.json(await applyTrackerImport(ctx, prepared), 200);
  const total = trackerImportSteps(prepared);
  c.header("content-type", "application/x-ndjson; charset=utf-8");
  return stream(c, async (s) => {
    const line = (v: unknown) => s.write(`${JSON.stringify(v)}\n`);
    await line({ done: 0, total });
    let pending = Promise.resolve<unknown>(undefined);
    const result = await applyTrackerImport(ctx, prepared, (done) => {
      if (done % PROGRESS_EVERY === 0) pending = pending.then(() => line({ done, total }));
    }).catch((e: unknown) => ({ error: { code: "internal_error", message: e instanceof Error ? e.message : String(e) } }));
    await pending;
    await line("error" in result ? result : { done: total, total, result });
  }) as never;
});
