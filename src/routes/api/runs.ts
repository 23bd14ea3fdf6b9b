// /api/runs: deliveries with their workflow runs, one run's trace, and the operator's rerun, cancel and bulk replay, through the
// same use cases as the /runs pages (src/app/runs.ts).

import { createRoute, z } from "@hono/zod-openapi";
import { BULK_REPLAY_MAX, FILTER_STATUSES, RUNS_SCANNED, cancelRun, replayDeliveries, requestedRunFilter, rerunRun, runPage, runView, type RunRow, type RunView } from "../../app/runs";
import { requireScope } from "../../http/auth";
import { useCaseOf } from "../../http/permissions";
import { apiRouter } from "./router";
import { body, errorResponses, json } from "./schemas";

const vRunStatus = z.string().openapi({ description: "the engine's state where it can say (queued, running, waiting, paused, complete, errored, terminated), else ours" });

const vRunRow = z
  .object({
    delivery: z.object({ id: z.string(), source: z.string(), event: z.string(), status: z.string(), error: z.string().nullable(), receivedAt: z.string() }),
    event: z.string().nullable().openapi({ description: "the event the delivery emitted, if any" }),
    runs: z.array(z.object({ workflow: z.string(), eventId: z.string(), instance: z.string(), status: vRunStatus })),
    replayable: z.boolean().openapi({ description: "failed or dead, or a run of it errored: the operator may replay it" }),
  })
  .openapi("RunRow");

const vStep = z.object({
  name: z.string(),
  kind: z.enum(["run", "sleep", "send"]),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  input: z.string().nullable().openapi({ description: "a short view (at most 240 characters), never the payload" }),
  output: z.string().nullable(),
});

const vRun = z
  .object({
    workflow: z.string(),
    eventId: z.string(),
    deliveryId: z.string().nullable(),
    engine: z.string(),
    input: z.string(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    attempts: z.number().int(),
    error: z.string().nullable(),
    status: vRunStatus,
    mayRerun: z.boolean(),
    mayCancel: z.boolean(),
    steps: z.array(vStep),
  })
  .openapi("RunTrace");

const rowJson = ({ d, ev, runs, replayable }: RunRow): z.infer<typeof vRunRow> => ({
  delivery: { id: d.id, source: d.source, event: d.event, status: d.status, error: d.error, receivedAt: d.receivedAt },
  event: ev?.name ?? null,
  runs: runs.map((r) => ({ workflow: r.workflow, eventId: r.eventId, instance: r.instance, status: r.status })),
  replayable,
});

const runJson = ({ run, steps, status, mayRerun, mayCancel }: RunView): z.infer<typeof vRun> => ({
  workflow: run.workflow, eventId: run.eventId, deliveryId: run.deliveryId, engine: run.engine, input: run.input, startedAt: run.startedAt,
  endedAt: run.endedAt, attempts: run.attempts, error: run.error, status, mayRerun, mayCancel,
  steps: steps.map((s) => ({ name: s.name, kind: s.kind, startedAt: s.startedAt, endedAt: s.endedAt, attempts: s.attempts, error: s.error, input: s.input, output: s.output })),
});

const runParams = { params: z.object({ workflow: z.string().min(1).max(100).openapi({ example: "link-commits" }), eventId: z.string().min(1).max(300).openapi({ example: "github:4f0c…" }) }) };

const list = createRoute({
  method: "get",
  path: "/api/runs",
  tags: ["runs"],
  description: `The latest ${RUNS_SCANNED} deliveries the caller may see, newest first, each with the workflow runs it started; the filters narrow these.`,
  middleware: [requireScope("read")] as const,
  request: {
    query: z.object({
      workflow: z.string().max(100).optional().openapi({ description: "a workflow id: only deliveries that started a run of it" }),
      status: z.enum(FILTER_STATUSES as [string, ...string[]]).optional().openapi({ description: "the delivery's status or one of its runs'" }),
      since: z.string().max(40).optional().openapi({ description: "received at or after: YYYY-MM-DD or an ISO date-time", example: "2026-12-01" }),
      limit: z.coerce.number().int().min(1).max(RUNS_SCANNED).default(50),
      cursor: z.string().max(500).optional(),
    }),
  },
  responses: { 200: json(z.object({ runs: z.array(vRunRow), nextCursor: z.string().nullable() })), ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: "/api/runs/{workflow}/{eventId}",
  tags: ["runs"],
  description: "One run and its steps (start, end, attempts, error, short views of input and output).",
  middleware: [requireScope("read")] as const,
  request: runParams,
  responses: { 200: json(vRun), ...errorResponses },
});

/** The operator's action on one run: POST /api/runs/{workflow}/{eventId}/{verb}. */
const runAction = <R extends Parameters<typeof createRoute>[0]["responses"]>(verb: "rerun" | "cancel", description: string, responses: R) =>
  createRoute({
    method: "post",
    path: `/api/runs/{workflow}/{eventId}/${verb}` as const,
    tags: ["runs"],
    description,
    middleware: [requireScope("write")] as const,
    request: runParams,
    responses: { ...responses, ...errorResponses },
  });

const rerun = runAction("rerun", "The operator's: runs again a run that errored or was cancelled (409 otherwise). Answers the event id the rerun goes by.", {
  202: json(z.object({ workflow: z.string(), eventId: z.string() }), "Rerun started"),
});

const cancel = runAction("cancel", "The operator's: stops a run that has not ended (409 otherwise).", {
  200: json(z.object({ workflow: z.string(), eventId: z.string(), status: z.literal("terminated") })),
});

const vReplay = z
  .union([
    z.object({ ids: z.array(z.string().min(1).max(300)).min(1).max(BULK_REPLAY_MAX) }).strict(),
    z.object({ scope: z.literal("all failed") }).strict(),
  ])
  .openapi("ReplayRequest", { description: "the deliveries to replay, or every failed or dead one among the latest" });

const replay = createRoute({
  method: "post",
  path: "/api/runs/replay",
  tags: ["runs"],
  description: "The operator's: sends failed deliveries' events again. One that is not replayable (any more) is skipped, not an error.",
  middleware: [requireScope("write")] as const,
  request: body(vReplay),
  responses: { 202: json(z.object({ replayed: z.array(z.string()), skipped: z.array(z.string()) }), "Replays sent"), ...errorResponses },
});

export const runsApi = apiRouter()
  .openapi(list, async (c) => {
    const { limit, cursor, ...q } = c.req.valid("query");
    const ctx = useCaseOf(c);
    const page = await runPage(ctx, requestedRunFilter(ctx, q), limit, cursor);
    return c.json({ runs: page.items.map(rowJson), nextCursor: page.nextCursor }, 200);
  })
  .openapi(get, async (c) => {
    const { workflow, eventId } = c.req.valid("param");
    return c.json(runJson(await runView(useCaseOf(c), workflow, eventId)), 200);
  })
  .openapi(rerun, async (c) => {
    const { workflow, eventId } = c.req.valid("param");
    return c.json({ workflow, eventId: await rerunRun(useCaseOf(c), workflow, eventId) }, 202);
  })
  .openapi(cancel, async (c) => {
    const { workflow, eventId } = c.req.valid("param");
    await cancelRun(useCaseOf(c), workflow, eventId);
    return c.json({ workflow, eventId, status: "terminated" as const }, 200);
  })
  .openapi(replay, async (c) => {
    const req = c.req.valid("json");
    return c.json(await replayDeliveries(useCaseOf(c), "ids" in req ? req.ids : "all failed"), 202);
  });
