// The Inngest engine: every defineWorkflow becomes an Inngest function; events carry their ids, so Inngest drops replays.

import { RetryAfterError, type GetStepTools, type InngestFunction } from "inngest";
import { serve } from "inngest/hono";
import type { Context } from "hono";
import type { EventEnvelope, EventName } from "../domain/events";
import type { Engine, RunStatus, WorkflowRun } from "../ports/engine";
import { RetryableMailError } from "../ports/mailer";
import type { Services } from "../ports/services";
import { cronEvent, deliveryOf, failureMessage, triggeredBy, type CancelOn, type Json, type Step, type Workflow } from "../ports/workflow";
import { INNGEST_APP_ID, type InngestClient } from "./inngest-client";

type InngestStep = GetStepTools<InngestClient>;
type Retries = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20;

/** Inngest accepts many events per request; bounded chunks keep each request well under its size cap. */
const EVENTS_PER_REQUEST = 100;

/** Inngest's wire shape; `id` is what makes a resent event start nothing (Inngest dedupes by id for 24 hours). */
function toInngestEvent(e: EventEnvelope) {
  return { id: e.id, name: e.name, data: e.data, ts: Date.parse(e.ts) };
}

function fromInngestEvent(e: { id?: string; name: string; data?: unknown; ts?: number }): EventEnvelope {
  return { id: e.id ?? "", name: e.name as EventName, data: e.data as EventEnvelope["data"], ts: new Date(e.ts ?? Date.now()).toISOString() };
}

/** Inngest runs crons from the functions' own cron triggers, so the Worker's cron ticks would only cost events. */
const forInngest = (events: EventEnvelope[]) => events.filter((e) => e.name !== "cron/ticked").map(toInngestEvent);

/** A rate-limited send waits as long as the provider asked; Inngest schedules the retry. */
function toInngestError(e: unknown): unknown {
  if (e instanceof RetryableMailError && e.retryAfterSeconds != null) return new RetryAfterError(e.message, e.retryAfterSeconds * 1000, { cause: e });
  return e;
}

/** CEL string literal: JSON's double-quoted escaping is valid CEL. */
const cel = (s: string | boolean) => JSON.stringify(s);

function toCancellation(c: CancelOn) {
  const where = Object.entries(c.where ?? {}).map(([field, value]) => `async.${field} == ${cel(value)}`);
  if (!where.length) return { event: c.event, match: c.match };
  return { event: c.event, if: [`async.${c.match} == event.${c.match}`, ...where].join(" && ") };
}

function toStep(step: InngestStep): Step {
  return {
    run: async <T extends Json | void>(name: string, fn: () => Promise<T>) => {
      const out = await step.run(name, async () => {
        try {
          return await fn();
        } catch (e) {
          throw toInngestError(e);
        }
      });
      return out as T;
    },
    sleep: (name, ms) => step.sleep(name, ms),
    sleepUntil: (name, at) => step.sleepUntil(name, at),
    sendEvent: async (name, events) => {
      const payloads = forInngest(events);
      if (payloads.length) await step.sendEvent(name, payloads);
    },
  };
}

/** A trigger's `when` as Inngest's CEL `if`: every field one of its values. */
function whenToIf(when: Record<string, readonly (string | boolean)[]> | undefined): { if?: string } {
  const clauses = Object.entries(when ?? {}).map(([field, values]) => `(${values.map((v) => `event.data.${field} == ${cel(v)}`).join(" || ")})`);
  return clauses.length ? { if: clauses.join(" && ") } : {};
}

/** The Inngest function for one workflow: triggers, retries, concurrency key and cancel-on mapped from the definition. */
export function toInngestFunction(client: InngestClient, wf: Workflow, services: () => Services): InngestFunction.Any {
  const on = wf.on;
  const triggers = "cron" in on ? [{ cron: on.cron }] : (Array.isArray(on.event) ? on.event : [on.event]).map((event) => ({ event, ...whenToIf(on.when) }));
  return client.createFunction(
    {
      id: wf.id,
      triggers,
      retries: Math.max(0, Math.min(20, wf.retries ?? 3)) as Retries,
      // One at a time per key, as the definition asks; Inngest evaluates the key from the event.
      concurrency: wf.concurrencyKey ? [{ key: `event.${wf.concurrencyKey}`, limit: 1 }] : undefined,
      cancelOn: wf.cancelOn?.map(toCancellation),
      // Retries used up: the delivery the run worked for is marked failed, so the runs page offers a replay.
      onFailure: async ({ event, error }: { event: { data: unknown }; error: unknown }) => {
        const original = (event.data as { event?: { data?: unknown } }).event;
        const deliveryId = original ? deliveryOf(fromInngestEvent({ name: "", ...original })) : null;
        if (deliveryId) await services().store.setDeliveryStatus(deliveryId, "failed", failureMessage(error));
      },
    },
    async ({ event, step }) => {
      const envelope = "cron" in on ? cronEvent(on.cron, event.ts ?? Date.now()) : fromInngestEvent(event);
      return (await wf.run({ event: envelope, step: toStep(step as InngestStep), services: services() })) ?? null;
    },
  );
}

/** Inngest's REST API: where it answers (Inngest Cloud, or the dev server) and the signing key it wants. */
export interface InngestApi {
  baseUrl: string;
  signingKey?: string;
  fetch?: typeof fetch;
}

export const INNGEST_API = "https://api.inngest.com";

/** The REST API beside the event API the client sends to: the dev server's own when INNGEST_DEV is set. */
export function inngestApi(config: { INNGEST_DEV?: string; INNGEST_SIGNING_KEY?: string }): InngestApi {
  const dev = config.INNGEST_DEV;
  const baseUrl = dev ? (/^https?:\/\//.test(dev) ? dev.replace(/\/+$/, "") : "http://localhost:8288") : INNGEST_API;
  return { baseUrl, signingKey: config.INNGEST_SIGNING_KEY };
}

/** What Inngest's inngest/function.cancelled carries: the function's slug (app id, hyphen, function id) and the run's event. */
interface Cancelled {
  function_id?: string;
  event?: { id?: string } | string;
}

export const CANCELLATION_RECORDER_ID = "record-cancellations";

/**
 * A run Inngest cancels (cancelOn, a timeout, the REST API, the dashboard) ends no code of ours, so its trace would say
 * "running" for ever: Inngest's inngest/function.cancelled system event marks it terminated.
 */
export function cancellationRecorder(client: InngestClient, services: () => Services): InngestFunction.Any {
  const prefix = `${INNGEST_APP_ID}-`;
  return client.createFunction({ id: CANCELLATION_RECORDER_ID, triggers: [{ event: "inngest/function.cancelled" }], retries: 3 }, async ({ event }) => {
    const data = (event.data ?? {}) as Cancelled;
    let original = data.event;
    if (typeof original === "string") {
      try {
        original = JSON.parse(original) as { id?: string };
      } catch {
        original = undefined;
      }
    }
    const eventId = original?.id;
    const fn = data.function_id ?? "";
    if (!eventId || !fn.startsWith(prefix)) return { recorded: false };
    await services().store.traceRunEnded({ workflow: fn.slice(prefix.length), eventId, status: "terminated", error: "cancelled by Inngest", at: new Date().toISOString() });
    return { recorded: true };
  });
}

export class InngestEngine implements Engine {
  readonly name = "inngest" as const;
  private fns: InngestFunction.Any[] | null = null;
  private handler: ((c: Context) => Promise<Response>) | null = null;

  constructor(
    readonly client: InngestClient,
    private readonly workflows: readonly Workflow[],
    private readonly api: InngestApi = { baseUrl: INNGEST_API },
  ) {}

  workflowIds(): string[] {
    return this.workflows.map((w) => w.id).sort();
  }

  /** Inngest queues what it cannot run yet: no launch limit. */
  async launchRoom(wanted: number): Promise<number> {
    return wanted;
  }

  async send(events: EventEnvelope[]): Promise<void> {
    const payloads = forInngest(events);
    for (let i = 0; i < payloads.length; i += EVENTS_PER_REQUEST) await this.client.send(payloads.slice(i, i + EVENTS_PER_REQUEST));
  }

  /**
   * Always "unknown": the SDK cannot read run state; only Inngest's REST API can
   * (GET /v1/events/{eventId}/runs with the signing key), which this adapter does not call yet.
   */
  async status(_workflowId: string, _eventId: string): Promise<RunStatus> {
    return "unknown";
  }

  /** Inngest names a run by the event that started it; its state is "unknown" (see status). */
  async runs(event: EventEnvelope): Promise<WorkflowRun[]> {
    return this.workflows.filter((w) => triggeredBy(w, event)).map((w) => ({ workflow: w.id, instance: event.id, status: "unknown" as const }));
  }

  /**
   * Inngest's bulk cancellation (POST /v1/cancellations), narrowed to this function, this event's id and the time since
   * the run started: the documented way to cancel runs through its REST API.
   */
  async cancel(workflowId: string, eventId: string, startedAt: string): Promise<void> {
    const now = new Date();
    const after = new Date(Date.parse(startedAt) - 60_000); // Inngest's start and ours differ by a request or two
    const res = await (this.api.fetch ?? fetch)(`${this.api.baseUrl}/v1/cancellations`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(this.api.signingKey ? { authorization: `Bearer ${this.api.signingKey}` } : {}) },
      body: JSON.stringify({
        app_id: INNGEST_APP_ID,
        function_id: workflowId,
        started_after: after.toISOString(),
        started_before: now.toISOString(),
        if: `event.id == ${cel(eventId)}`,
      }),
    });
    if (!res.ok) throw new Error(`Inngest refused the cancellation: ${res.status} ${(await res.text()).slice(0, 200)}`);
  }

  readonly rerunResends = true;

  /** Inngest's API reruns no single run: the event goes out again under a fresh id, which Inngest has not seen. */
  async rerun(_workflowId: string, _eventId: string, resend: EventEnvelope | null, freshId: string): Promise<string> {
    if (!resend) throw new Error("Inngest reruns a run by sending its event again: the event is needed");
    await this.send([{ ...resend, id: freshId, ts: new Date().toISOString() }]);
    return freshId;
  }

  /** The functions, bound to the services they run with (built once: the services outlive requests). */
  functions(services: Services): InngestFunction.Any[] {
    return (this.fns ??= [...this.workflows.map((wf) => toInngestFunction(this.client, wf, () => services)), cancellationRecorder(this.client, () => services)]);
  }

  /** What /api/inngest answers with: sync (PUT), introspection (GET) and step calls (POST), signed by Inngest. */
  serve(services: Services): (c: Context) => Promise<Response> {
    return (this.handler ??= serve({ client: this.client, functions: this.functions(services) }));
  }
}
