// The workflow contract both engines run: a workflow's trigger, options and steps, and how an event selects it.

import type { EventEnvelope, EventName } from "../domain/events";
import type { Services } from "./services";

/** JSON-serialisable step results: both engines persist them between replays. */
export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export interface Step {
  /** Runs fn once; on replay the recorded result comes back. Names must be unique within a run. */
  run<T extends Json | void>(name: string, fn: () => Promise<T>): Promise<T>;
  sleep(name: string, ms: number): Promise<void>;
  sleepUntil(name: string, at: Date): Promise<void>;
  sendEvent(name: string, events: EventEnvelope[]): Promise<void>;
}

/**
 * `when` narrows an event trigger to events whose data fields take one of the listed values. It is
 * declared, not computed, so Inngest evaluates it server-side (`if`) and the Cloudflare engine before
 * creating an instance: a status change that is not a completion starts no chase at all.
 */
export type EventTrigger = { event: EventName | EventName[]; when?: Record<string, readonly (string | boolean)[]> };
/** `any`: several event triggers, each with its own `when` (a per-task event, or the batch that carries many). */
export type Trigger = EventTrigger | { any: EventTrigger[] } | { cron: string };

/** A trigger's event triggers, one per (event names, when); none for a cron. */
export function eventTriggers(on: Trigger): EventTrigger[] {
  return "cron" in on ? [] : "any" in on ? on.any : [on];
}

/** A field of the event's data, declared rather than computed so Inngest can evaluate it server-side. */
export type DataField = `data.${string}`;

/**
 * A later event that makes a running workflow pointless: same value at `match` in both events, and
 * (optionally) the later event's data fields equal to `where`. Inngest cancels such runs itself; on
 * both engines the workflow still re-reads its reason after every sleep, which is what guarantees it.
 */
export interface CancelOn {
  event: EventName;
  match: DataField;
  where?: Record<string, string>;
}

export interface WorkflowOptions {
  id: string;
  on: Trigger;
  retries?: number;
  /** Runs whose events share this data field's value run one at a time. */
  concurrencyKey?: DataField;
  cancelOn?: CancelOn[];
}

export interface RunContext {
  event: EventEnvelope;
  step: Step;
  services: Services;
}

export interface Workflow extends WorkflowOptions {
  run(ctx: RunContext): Promise<Json | void>;
}

/** The event a cron-triggered run receives; one id per schedule and minute, so a double tick runs once. */
export function cronEvent(cron: string, scheduledTime: number): EventEnvelope<"cron/ticked"> {
  const minute = Math.floor(scheduledTime / 60_000) * 60_000;
  const ts = new Date(minute).toISOString();
  return { id: `cron-${cron.replace(/[^0-9a-z]+/gi, "_")}-${minute}`, name: "cron/ticked", data: { cron, scheduledTime: ts }, ts };
}

/** Does this workflow run for this event? */
export function triggeredBy(wf: Workflow, event: EventEnvelope): boolean {
  if ("cron" in wf.on) return event.name === "cron/ticked" && (event.data as { cron: string }).cron === wf.on.cron;
  return eventTriggers(wf.on).some((t) => matchesTrigger(t, event));
}

/** Does this one event trigger take this event (its name, then every `when` field one of its values)? */
export function matchesTrigger(t: EventTrigger, event: Pick<EventEnvelope, "name" | "data">): boolean {
  const data = (event.data ?? {}) as Record<string, unknown>;
  return (Array.isArray(t.event) ? t.event : [t.event]).includes(event.name) && Object.entries(t.when ?? {}).every(([field, values]) => values.includes(data[field] as string | boolean));
}

/** The delivery a run works for, if any: a run that fails for good marks it failed, so the runs page offers a replay. */
export function deliveryOf(event: EventEnvelope): string | null {
  const id = (event.data as { deliveryId?: unknown } | undefined)?.deliveryId;
  return typeof id === "string" ? id : null;
}

export const failureMessage = (e: unknown) => String((e as Error)?.message ?? e).slice(0, 500);
