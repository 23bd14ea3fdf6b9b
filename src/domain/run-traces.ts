// Run traces: what we record of each workflow run and its steps (on both engines), and how a run's steps lay out as a waterfall.

/** Our own record of a run's state; the engine's live state wins where the engine can say (Cloudflare). */
export type TraceStatus = "running" | "complete" | "errored" | "terminated";

/** run: a step.run (timed, retried); sleep, send: a mark the run passed (a sleep's end is when it wakes). */
export type StepKind = "run" | "sleep" | "send";

export interface RunTrace {
  workflow: string;
  eventId: string;
  deliveryId: string | null;
  engine: string;
  /** A short view of the event that started the run (preview). */
  input: string;
  startedAt: string;
  endedAt: string | null;
  status: TraceStatus;
  /** How many times the run was started over (a rerun restarts it). */
  attempts: number;
  error: string | null;
}

export interface StepTrace {
  name: string;
  kind: StepKind;
  startedAt: string;
  endedAt: string | null;
  attempts: number;
  error: string | null;
  input: string | null;
  output: string | null;
}

/** Steps kept per run: a run that loops past this keeps its first steps, so its trace stays bounded. */
export const MAX_TRACED_STEPS = 100;
/** Characters of an input or output kept: a short view, never the payload itself. */
export const PREVIEW_CHARS = 240;
/** How long run traces are kept: the roll-up cron prunes older ones. */
export const KEEP_TRACES_MS = 14 * 86_400_000;
/** Runs pruned per call, so one cron step stays one bounded transaction. */
export const PRUNE_BATCH = 200;

/** A capped view of any value: JSON, cut at PREVIEW_CHARS with an ellipsis. Escaping is the renderer's (JSX). */
export function preview(value: unknown): string | null {
  if (value === undefined) return null;
  let text: string;
  try {
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value); // a cycle or a BigInt: its string form is view enough
  }
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

/** One bar of the waterfall: where it starts and how wide it is, in percent of the run's span. */
export interface Bar {
  name: string;
  offsetPct: number;
  widthPct: number;
  ms: number | null;
  open: boolean;
}

/** The smallest bar drawn, so an instant step (a mark, a 0 ms write) is still visible. */
const MIN_WIDTH_PCT = 0.5;

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The waterfall: each step placed on the run's span, from the run's start to its end (or `now` while it runs,
 * or the latest step end when later: a sleep's end is when it will wake). A step still open runs to the span's end.
 */
export function waterfall(run: Pick<RunTrace, "startedAt" | "endedAt">, steps: readonly Pick<StepTrace, "name" | "startedAt" | "endedAt">[], now: Date): { spanMs: number; bars: Bar[] } {
  const start = Date.parse(run.startedAt);
  const ends = steps.map((s) => (s.endedAt ? Date.parse(s.endedAt) : start));
  const end = Math.max(run.endedAt ? Date.parse(run.endedAt) : now.getTime(), start, ...ends, ...steps.map((s) => Date.parse(s.startedAt)));
  const span = Math.max(1, end - start);
  const bars = steps.map((s) => {
    const from = Math.min(Math.max(Date.parse(s.startedAt), start), end);
    const to = s.endedAt ? Math.min(Math.max(Date.parse(s.endedAt), from), end) : end;
    const offsetPct = round(((from - start) / span) * 100);
    const widthPct = round(Math.min(100 - offsetPct, Math.max(MIN_WIDTH_PCT, ((to - from) / span) * 100)));
    return { name: s.name, offsetPct, widthPct, ms: s.endedAt ? to - from : null, open: !s.endedAt };
  });
  return { spanMs: end - start, bars };
}

/**
 * The state a run is shown with: the engine's where it knows (Cloudflare), else our record (Inngest cannot say,
 * and an instance past Cloudflare's retention is "none" though we saw it run). No record: queued once its
 * event went out, none before.
 */
export function shownStatus<S extends string>(engine: S | "unknown" | "none", traced: TraceStatus | null, emitted: boolean): S | TraceStatus | "queued" | "none" {
  if (engine !== "unknown" && engine !== "none") return engine;
  if (traced) return traced;
  if (engine === "none") return "none";
  return emitted ? "queued" : "none";
}

/** The run statuses an operator may act on: rerun what ended badly, cancel what has not ended. */
export const RERUNNABLE: ReadonlySet<string> = new Set(["errored", "terminated"]);
export const CANCELLABLE: ReadonlySet<string> = new Set(["queued", "running", "waiting", "paused"]);

/** The /runs filters, read from the URL: unknown values are dropped, not errors (a stale bookmark still shows a page). */
export interface RunFilter {
  workflow: string | null;
  status: string | null;
  since: string | null;
}

const SINCE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/;

export function runFilter(q: { workflow?: string; status?: string; since?: string }, workflows: readonly string[], statuses: readonly string[]): RunFilter {
  const since = q.since && SINCE.test(q.since) && !Number.isNaN(Date.parse(q.since)) ? new Date(Date.parse(q.since)).toISOString() : null;
  return {
    workflow: q.workflow && workflows.includes(q.workflow) ? q.workflow : null,
    status: q.status && statuses.includes(q.status) ? q.status : null,
    since,
  };
}

/** Does a delivery's row pass the filter? Status matches the delivery's own or any of its runs'. */
export function passes(f: RunFilter, row: { receivedAt: string; status: string; runs: readonly { workflow: string; status: string }[] }): boolean {
  if (f.since && row.receivedAt < f.since) return false;
  if (f.workflow && !row.runs.some((r) => r.workflow === f.workflow)) return false;
  if (f.status && row.status !== f.status && !row.runs.some((r) => r.status === f.status && (!f.workflow || r.workflow === f.workflow))) return false;
  return true;
}

/**
 * One page of rows (newest first) after the row a cursor names: past that row where it is still listed, else past
 * its time (it fell out of the scanned window, or went). `next` is the last row shown when more follow.
 */
export function pageAfter<R extends { receivedAt: string; id: string }>(rows: readonly R[], limit: number, after: { receivedAt: string; id: string } | null): { items: R[]; next: R | null } {
  const at = after ? rows.findIndex((r) => r.id === after.id) : -1;
  const rest = !after ? rows : at >= 0 ? rows.slice(at + 1) : rows.filter((r) => r.receivedAt < after.receivedAt);
  const items = rest.slice(0, limit);
  return { items, next: rest.length > limit ? items[items.length - 1] : null };
}
