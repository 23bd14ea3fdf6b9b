// The ingress rule, once: queue the delivery (or record and emit it), answer; and the operator's replay of one that failed or died.

import { eventFor, replayEventId } from "../domain/deliveries";
import { mayIngest, sessionOwner, type Poster } from "../domain/ingest";
import { shownStatus, type RunTrace } from "../domain/run-traces";
import { makeEvent, type EventData, type EventEnvelope, type EventName } from "../domain/events";
import type { WorkflowRun } from "../ports/engine";
import type { Services } from "../ports/services";
import type { Delivery, NewDelivery } from "../ports/store";
import type { UseCaseContext } from "./context";
import { AppError } from "./errors";
import { requireOperator } from "./permissions";

export interface Inbound<N extends EventName> {
  deliveryId: string;
  source: "github" | "transcript" | "hook";
  event: string;
  payload: unknown;
  /** The event the delivery starts; a delivery that starts none is kept for the record with its `settled` status. */
  emit?: { name: N; data: EventData<N> };
  settled?: { status: "processed" | "ignored"; error: string | null };
  /** SHA-256 of the signed body: the same body under a new delivery id is a duplicate (a replay). */
  bodyHash?: string;
}

/** How long ingress waits on the engine before answering anyway (GitHub allows 10 s for the whole request). */
export const EMIT_BUDGET_MS = 3_000;

/** Lets work finish after the response (the Worker's waitUntil). */
export type Defer = (work: Promise<unknown>) => void;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength;

/**
 * The door: a verified delivery goes on the ingress queue and the sender is answered; the queue's consumer
 * stores it, drops what it has seen before and starts its workflows (consume-deliveries.ts). Where there is no
 * queue, the delivery is too large for one message, or the queue refuses it, it is recorded and emitted here (recordAndEmit).
 */
export async function acceptDelivery<N extends EventName>(s: Services, d: Inbound<N>, defer?: Defer): Promise<"queued" | "new" | "duplicate"> {
  const at = new Date().toISOString();
  const event = d.emit ? makeEvent(d.emit.name, d.deliveryId, d.emit.data, at) : null;
  const delivery: NewDelivery = {
    id: d.deliveryId, source: d.source, event: d.event, payload: d.payload == null ? null : JSON.stringify(d.payload), at, bodyHash: d.bodyHash,
    ...(event ? { emit: JSON.stringify(event) } : { status: d.settled?.status ?? "ignored", error: d.settled?.error ?? null }),
  };
  if (s.queue && utf8Bytes(JSON.stringify(delivery)) <= s.queue.maxMessageBytes) {
    try {
      await s.queue.send(delivery);
      return "queued";
    } catch (e) {
      // A refused send (Cloudflare: past a queue's 5,000 messages a second; Miniflare's broker under a burst) would
      // be a 5xx that GitHub never retries by itself: the delivery is recorded here instead. Should the send have
      // gone through after all, the consumer finds the delivery stored and drops its copy.
      console.error(`queue send of ${d.deliveryId} failed, recorded at the door: ${(e as Error)?.message ?? e}`);
    }
  }
  return recordAndEmit(s, delivery, event, defer);
}

/**
 * A delivery seen before changes nothing; one recorded but never emitted is emitted again, and the
 * engine's instance id makes that safe. The event is stored with the delivery, so when the engine is
 * slow the answer goes out after EMIT_BUDGET_MS and the re-emit-deliveries sweep retries what never left.
 */
async function recordAndEmit(s: Services, d: NewDelivery, event: EventEnvelope | null, defer?: Defer): Promise<"new" | "duplicate"> {
  const outcome = await s.store.recordDelivery(d);
  if (!event) return outcome;
  if (outcome === "duplicate" && (await s.store.getDelivery(d.id))?.status !== "received") return "duplicate";
  // No room for another run: the delivery stays recorded and the re-emit sweep starts it later.
  if (!(await s.engine.launchRoom(1))) return outcome;
  // The delivery and its event are stored: if the engine refuses now, the sweep emits it later, so the
  // sender still gets its 2xx (a 5xx would only make GitHub redeliver what we already hold).
  const emitted = emitDelivery(s, d.id, event).catch((e) => {
    console.error(`emit of ${d.id} deferred to the re-emit sweep: ${(e as Error)?.message ?? e}`);
  });
  if (!defer) {
    await emitted;
    return outcome;
  }
  const late = new Promise<"late">((r) => setTimeout(() => r("late"), EMIT_BUDGET_MS));
  if ((await Promise.race([emitted, late])) === "late") defer(emitted); // a failure there is left to the sweep too
  return outcome;
}

export async function emitDelivery(s: Services, deliveryId: string, event: EventEnvelope): Promise<void> {
  await s.engine.send([event]);
  await s.store.setDeliveryStatus(deliveryId, "emitted");
}

/** A run that ended badly: its delivery is worth replaying even when the delivery itself was never marked failed. */
const FAILED_RUN: ReadonlySet<WorkflowRun["status"]> = new Set(["errored", "terminated"]);
/** A delivery whose run failed for good, or that the ingress queue gave up on. */
const GAVE_UP: ReadonlySet<Delivery["status"]> = new Set(["failed", "dead"]);

/** One workflow run as the runs page shows it: `eventId` names it (with the workflow) on its trace page. */
export type ShownRun = WorkflowRun & { eventId: string };

/**
 * The event a delivery emits and each workflow run it started, with its status: the engine's live one where it can
 * say, else our own trace's (run-traces.ts), so Inngest's runs show a state too. Runs of replays and reruns (other
 * event ids, same delivery) follow, from their traces. `traced` is the delivery's traces when the caller read them.
 */
export async function runsOfDelivery(s: Services, d: Delivery, traced?: readonly RunTrace[]) {
  const ev = eventFor(d);
  const traces = traced ?? (ev ? await s.store.tracedRuns([d.id]) : []);
  const traceOf = (workflow: string, eventId: string) => traces.find((t) => t.workflow === workflow && t.eventId === eventId)?.status ?? null;
  const emitted = d.status !== "received";
  const engineRuns = ev ? await s.engine.runs({ id: d.id, name: ev.name, data: ev.data as EventData<EventName>, ts: d.receivedAt }) : [];
  const runs: ShownRun[] = engineRuns.map((r) => ({ ...r, eventId: d.id, status: shownStatus(r.status, traceOf(r.workflow, d.id), emitted) }));
  const later = traces.filter((t) => t.eventId !== d.id);
  for (const t of later) {
    const live = await s.engine.status(t.workflow, t.eventId);
    runs.push({ workflow: t.workflow, eventId: t.eventId, instance: t.eventId, status: shownStatus(live, t.status, true) });
  }
  return { ev, runs, replayable: !!ev && (GAVE_UP.has(d.status) || engineRuns.some((r) => FAILED_RUN.has(shownStatus(r.status, traceOf(r.workflow, d.id), emitted)))) };
}

/** The operator sends a failed delivery's event again, under a new id so the engine runs it rather than dropping it. */
export async function replayDelivery(ctx: UseCaseContext, deliveryId: string): Promise<void> {
  requireOperator(ctx);
  const { store, engine } = ctx.services;
  const d = await store.getDelivery(deliveryId);
  const { ev, replayable } = d ? await runsOfDelivery(ctx.services, d) : { ev: null, replayable: false };
  if (!d || !ev) throw new AppError("not_found", "No such delivery, or it emits no event");
  if (!replayable) throw new AppError("conflict", "Only a failed or dead delivery (or one whose run errored) is replayed");
  const at = new Date().toISOString();
  await engine.send([makeEvent(ev.name, replayEventId(d.id, at), ev.data as EventData<EventName>, at)]);
  await store.setDeliveryStatus(d.id, "emitted");
}

/**
 * Whether a Claude Code post may write for its session, decided at ingress because one post is one
 * session in one folder, so one project: refusing the whole post answers the poster at once and records
 * nothing, where a refusal inside the workflow would only surface on /runs. The project comes first, so
 * a refused post claims no session; then the session goes to whoever posted it first.
 */
export async function admitSessionPost(
  services: Services,
  poster: Poster,
  post: { sessionId: string; cwd: string | null },
  at: string,
): Promise<"admitted" | "project_refused" | "session_owned"> {
  if (poster.admin) return "admitted"; // the operator (backfills, replays) is above roles and owners
  const { store } = services;
  const project = await store.projectForCwd(post.cwd, at);
  const role = poster.userId ? await store.roleIn(project.id, poster.userId) : null;
  if (!mayIngest(poster, project.key, role)) return "project_refused";
  const owner = sessionOwner(poster);
  return (await store.claimSession(post.sessionId, owner, at)) === owner ? "admitted" : "session_owned";
}
