// The Inngest engine: every defineWorkflow becomes an Inngest function; events carry their ids, so Inngest drops replays.

import { RetryAfterError, type GetStepTools, type InngestFunction } from "inngest";
import { serve } from "inngest/hono";
import type { Context } from "hono";
import type { EventEnvelope, EventName } from "../domain/events";
import type { Engine, RunStatus, WorkflowRun } from "../ports/engine";
import { RetryableMailError } from "../ports/mailer";
import type { Services } from "../ports/services";
import { cronEvent, deliveryOf, eventTriggers, failureMessage, triggeredBy, type CancelOn, type Json, type Step, type Workflow } from "../ports/workflow";
import type { InngestClient } from "./inngest-client";

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
  const triggers = "cron" in on ? [{ cron: on.cron }] : eventTriggers(on).flatMap((t) => (Array.isArray(t.event) ? t.event : [t.event]).map((event) => ({ event, ...whenToIf(t.when) })));
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

export class InngestEngine implements Engine {
  readonly name = "inngest" as const;
  private fns: InngestFunction.Any[] | null = null;
  private handler: ((c: Context) => Promise<Response>) | null = null;

  constructor(
    readonly client: InngestClient,
    private readonly workflows: readonly Workflow[],
  ) {}

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

  /** The functions, bound to the services they run with (built once: the services outlive requests). */
  functions(services: Services): InngestFunction.Any[] {
    return (this.fns ??= this.workflows.map((wf) => toInngestFunction(this.client, wf, () => services)));
  }

  /** What /api/inngest answers with: sync (PUT), introspection (GET) and step calls (POST), signed by Inngest. */
  serve(services: Services): (c: Context) => Promise<Response> {
    return (this.handler ??= serve({ client: this.client, functions: this.functions(services) }));
  }
}
