// The ingress rule, once: record the delivery, emit its event, answer; and the operator's replay of one that failed.

import { eventFor, replayEventId } from "../domain/deliveries";
import { mayIngest, sessionOwner, type Poster } from "../domain/ingest";
import { makeEvent, type EventData, type EventEnvelope, type EventName } from "../domain/events";
import type { WorkflowRun } from "../ports/engine";
import type { Services } from "../ports/services";
import type { Delivery } from "../ports/store";
import type { UseCaseContext } from "./context";
import { AppError } from "./errors";
import { requireOperator } from "./permissions";

export interface Inbound<N extends EventName> {
  deliveryId: string;
  source: "github" | "transcript" | "hook";
  event: string;
  payload: unknown;
  emit: { name: N; data: EventData<N> };
  /** SHA-256 of the signed body: the same body under a new delivery id is a duplicate (a replay). */
  bodyHash?: string;
}

/** How long ingress waits on the engine before answering anyway (GitHub allows 10 s for the whole request). */
export const EMIT_BUDGET_MS = 3_000;

/** Lets work finish after the response (the Worker's waitUntil). */
export type Defer = (work: Promise<unknown>) => void;

/**
 * A delivery seen before changes nothing; one recorded but never emitted is emitted again, and the
 * engine's instance id makes that safe. The event is stored with the delivery, so when the engine is
 * slow the answer goes out after EMIT_BUDGET_MS and the re-emit-deliveries sweep retries what never left.
 */
export async function recordAndEmit<N extends EventName>(s: Services, d: Inbound<N>, defer?: Defer): Promise<"new" | "duplicate"> {
  const at = new Date().toISOString();
  const event = makeEvent(d.emit.name, d.deliveryId, d.emit.data, at);
  const outcome = await s.store.recordDelivery({
    id: d.deliveryId, source: d.source, event: d.event, payload: JSON.stringify(d.payload), emit: JSON.stringify(event), at, bodyHash: d.bodyHash,
  });
  if (outcome === "duplicate" && (await s.store.getDelivery(d.deliveryId))?.status !== "received") return "duplicate";
  // No room for another run: the delivery stays recorded and the re-emit sweep starts it later.
  if (!(await s.engine.launchRoom(1))) return outcome;
  // The delivery and its event are stored: if the engine refuses now, the sweep emits it later, so the
  // sender still gets its 2xx (a 5xx would only make GitHub redeliver what we already hold).
  const emitted = emitDelivery(s, d.deliveryId, event).catch((e) => {
    console.error(`emit of ${d.deliveryId} deferred to the re-emit sweep: ${(e as Error)?.message ?? e}`);
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

/** The event a delivery emits and each workflow run it started, with the engine's live status of each. */
export async function runsOfDelivery(s: Services, d: Delivery) {
  const ev = eventFor(d);
  const runs = ev ? await s.engine.runs({ id: d.id, name: ev.name, data: ev.data as EventData<EventName>, ts: d.receivedAt }) : [];
  return { ev, runs, replayable: !!ev && (d.status === "failed" || runs.some((r) => FAILED_RUN.has(r.status))) };
}

/** The operator sends a failed delivery's event again, under a new id so the engine runs it rather than dropping it. */
export async function replayDelivery(ctx: UseCaseContext, deliveryId: string): Promise<void> {
  requireOperator(ctx);
  const { store, engine } = ctx.services;
  const d = await store.getDelivery(deliveryId);
  const { ev, replayable } = d ? await runsOfDelivery(ctx.services, d) : { ev: null, replayable: false };
  if (!d || !ev) throw new AppError("not_found", "No such delivery, or it emits no event");
  if (!replayable) throw new AppError("conflict", "Only a failed delivery (or one whose run errored) is replayed");
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
