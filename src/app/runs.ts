// The runs use cases: deliveries with their runs (filtered), one run's trace, and the operator's rerun, cancel and bulk replay.

import { deliveryProjectIds, eventFor, type Delivery } from "../domain/deliveries";
import { DELIVERY_STATUSES } from "../domain/deliveries";
import { mayOperate } from "../domain/permissions";
import { decodeRunCursor, runCursor } from "../domain/cursor";
import { CANCELLABLE, RERUNNABLE, pageAfter, passes, runFilter, shownStatus, type RunFilter, type RunTrace, type StepTrace } from "../domain/run-traces";
import type { EventData, EventEnvelope, EventName } from "../domain/events";
import type { RunStatus } from "../ports/engine";
import type { UseCaseContext } from "./context";
import { readableDeliveries } from "./deliveries";
import { AppError } from "./errors";
import { replayDelivery, runsOfDelivery, type ShownRun } from "./ingress";
import { readableProjectIds, requireOperator } from "./permissions";
import { traceRunEnd } from "./run-traces";

/** Deliveries scanned for the runs page; filters narrow these, they do not reach further back. */
export const RUNS_SCANNED = 100;
/** Deliveries one bulk replay sends again at most. */
export const BULK_REPLAY_MAX = 100;

const RUN_STATUSES: readonly RunStatus[] = ["queued", "running", "waiting", "paused", "complete", "errored", "terminated", "none"];
/** What the status filter offers: a run's state, or the delivery's own (failed, dead…). */
export const FILTER_STATUSES: readonly string[] = [...new Set<string>([...RUN_STATUSES, ...DELIVERY_STATUSES])];

/**
 * The filters as REST, MCP and the CLI ask for them: strict where the page is lenient (a stale bookmark still shows
 * /runs, but a script naming a workflow that does not exist should hear so, not get every run).
 */
export function requestedRunFilter(ctx: UseCaseContext, q: { workflow?: string; status?: string; since?: string }): RunFilter {
  const filter = runFilter(q, ctx.services.engine.workflowIds(), FILTER_STATUSES);
  const refused = (["workflow", "status", "since"] as const).filter((k) => q[k] && !filter[k]);
  if (refused.length) {
    const known = { workflow: ctx.services.engine.workflowIds(), status: FILTER_STATUSES, since: ["YYYY-MM-DD", "an ISO date-time"] };
    throw new AppError("invalid_request", `Unknown ${refused.map((k) => `${k} ${q[k]}`).join(", ")}`, Object.fromEntries(refused.map((k) => [k, known[k]])));
  }
  return filter;
}

export interface RunRow {
  d: Delivery;
  ev: ReturnType<typeof eventFor>;
  runs: ShownRun[];
  replayable: boolean;
}

/** The latest deliveries the caller may see, each with its runs, those passing the filter. */
export async function runRows(ctx: UseCaseContext, filter: RunFilter): Promise<RunRow[]> {
  const deliveries = (await readableDeliveries(ctx, RUNS_SCANNED)).filter((d) => !filter.since || d.receivedAt >= filter.since);
  const traces = await ctx.services.store.tracedRuns(deliveries.map((d) => d.id));
  const rows = await Promise.all(
    deliveries.map(async (d) => ({ d, ...(await runsOfDelivery(ctx.services, d, traces.filter((t) => t.deliveryId === d.id))) })),
  );
  return rows.filter((r) => passes(filter, { receivedAt: r.d.receivedAt, status: r.d.status, runs: r.runs }));
}

/**
 * A page of runRows (what /runs shows, newest first) after `cursor`, for REST, MCP and the CLI. A cursor the hub did
 * not issue is a bad request; one past the scanned deliveries finds nothing more.
 */
export async function runPage(ctx: UseCaseContext, filter: RunFilter, limit: number, cursor?: string | null): Promise<{ items: RunRow[]; nextCursor: string | null }> {
  const after = cursor ? decodeRunCursor(cursor) : null;
  if (cursor && !after) throw new AppError("invalid_request", "Not a cursor this hub issued: pass back nextCursor unchanged");
  const rows = await runRows(ctx, filter);
  const { items, next } = pageAfter(rows.map((r) => ({ receivedAt: r.d.receivedAt, id: r.d.id, row: r })), limit, after);
  return { items: items.map((i) => i.row), nextCursor: next ? runCursor(next) : null };
}

/** May the caller see this run? The operator sees every run; a person, runs of deliveries of projects they read. */
async function mayRead(ctx: UseCaseContext, run: RunTrace): Promise<boolean> {
  if (mayOperate(ctx.asker)) return true;
  if (!run.deliveryId) return false;
  const readable = await readableProjectIds(ctx);
  if (readable === "all") return true;
  const { store } = ctx.services;
  const [d, projects] = await Promise.all([store.getDelivery(run.deliveryId), store.listProjects()]);
  return !!d && deliveryProjectIds(d, projects).some((id) => readable.includes(id));
}

export interface RunView {
  run: RunTrace;
  steps: StepTrace[];
  /** The engine's live state where it can say, else ours: never "unknown". */
  status: RunStatus;
  mayRerun: boolean;
  mayCancel: boolean;
}

/** One run with its steps; a run the caller may not see is as absent as one never recorded (404). */
export async function runView(ctx: UseCaseContext, workflow: string, eventId: string): Promise<RunView> {
  const { store, engine } = ctx.services;
  const trace = await store.getRunTrace({ workflow, eventId });
  if (!trace || !(await mayRead(ctx, trace.run))) throw new AppError("not_found", "No such run");
  const status = shownStatus(await engine.status(workflow, eventId), trace.run.status, true);
  const operator = mayOperate(ctx.asker);
  return { ...trace, status, mayRerun: operator && RERUNNABLE.has(status), mayCancel: operator && CANCELLABLE.has(status) };
}

/** The event a run started from, rebuilt from its delivery (the event a delivery emits is derived, not stored). */
async function eventOf(ctx: UseCaseContext, run: RunTrace): Promise<EventEnvelope | null> {
  const d = run.deliveryId ? await ctx.services.store.getDelivery(run.deliveryId) : null;
  const ev = d ? eventFor(d) : null;
  return ev ? { id: run.eventId, name: ev.name, data: ev.data as EventData<EventName>, ts: run.startedAt } : null;
}

/** The operator reruns a run that errored or was cancelled; returns the event id the rerun goes by (its page). */
export async function rerunRun(ctx: UseCaseContext, workflow: string, eventId: string): Promise<string> {
  requireOperator(ctx);
  const view = await runView(ctx, workflow, eventId);
  if (!view.mayRerun) throw new AppError("conflict", `Only a run that errored or was cancelled is rerun; this one is ${view.status}`);
  const { engine, store } = ctx.services;
  const event = engine.rerunResends ? await eventOf(ctx, view.run) : null;
  if (engine.rerunResends && !event) throw new AppError("conflict", "This engine reruns a run by sending its event again, and only a delivery's event can be rebuilt");
  const at = new Date().toISOString();
  const fresh = await engine.rerun(workflow, eventId, event, `${view.run.deliveryId ?? eventId}:rerun:${at.replace(/[^0-9]/g, "")}`);
  if (view.run.deliveryId) await store.setDeliveryStatus(view.run.deliveryId, "emitted");
  return fresh;
}

/** The operator cancels a run that has not ended; our trace records it as terminated. */
export async function cancelRun(ctx: UseCaseContext, workflow: string, eventId: string): Promise<void> {
  requireOperator(ctx);
  const view = await runView(ctx, workflow, eventId);
  if (!view.mayCancel) throw new AppError("conflict", `Only a run that has not ended is cancelled; this one is ${view.status}`);
  await ctx.services.engine.cancel(workflow, eventId, view.run.startedAt);
  await traceRunEnd(ctx.services.store, { workflow, eventId }, "terminated", "cancelled by the operator");
}

/**
 * The operator replays many failed deliveries at once: the ones named, or every failed or dead one on the runs page.
 * Each goes through replayDelivery; one that is not replayable (any more) is skipped, not an error.
 */
export async function replayDeliveries(ctx: UseCaseContext, ids: readonly string[] | "all failed"): Promise<{ replayed: string[]; skipped: string[] }> {
  requireOperator(ctx);
  const wanted = ids === "all failed" ? (await readableDeliveries(ctx, RUNS_SCANNED)).filter((d) => d.status === "failed" || d.status === "dead").map((d) => d.id) : [...new Set(ids)];
  if (wanted.length > BULK_REPLAY_MAX) throw new AppError("invalid_request", `At most ${BULK_REPLAY_MAX} deliveries are replayed at once`);
  const replayed: string[] = [];
  const skipped: string[] = [];
  for (const id of wanted) {
    try {
      await replayDelivery(ctx, id);
      replayed.push(id);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== "conflict" && e.code !== "not_found")) throw e;
      skipped.push(id);
    }
  }
  return { replayed, skipped };
}
