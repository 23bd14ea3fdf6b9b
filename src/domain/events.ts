// Every event, once, with its schema: small, past tense, carrying ids rather than documents. Pure: ports and workflows read it.

import { z } from "zod";
import { ISSUE_SYNC_OPS } from "./issue-sync";

export const eventSchemas = {
  "claude/transcript.received": z.object({ deliveryId: z.string(), sessionId: z.string() }),
  "claude/hook.received": z.object({ deliveryId: z.string(), sessionId: z.string() }),
  "github/push.received": z.object({ deliveryId: z.string() }),
  "github/pull_request.received": z.object({ deliveryId: z.string() }),
  "github/issues.received": z.object({ deliveryId: z.string() }),
  "github/issue_comment.received": z.object({ deliveryId: z.string() }),
  /** issue_dependencies and sub_issues: a "blocked by" or sub-issue link added or removed on GitHub. */
  "github/issue_link.received": z.object({ deliveryId: z.string() }),
  /** A change on the hub that a project syncing GitHub Issues asks its issue to follow (domain/issue-sync.ts). */
  "task/issue-sync.requested": z.object({ taskId: z.string(), op: z.enum(ISSUE_SYNC_OPS), otherId: z.string().nullable().default(null) }),
  /**
   * The has* hints say whether the change concerns more than the task itself (see Store.watchedTasks), so
   * follow-up workflows start only where they have work: a 500-task push starts 500 runs of nothing otherwise.
   * Left out, they are taken as true: an event that cannot say starts every run that might matter.
   */
  "task/status.changed": z.object({
    taskId: z.string(), from: z.string(), to: z.string(),
    hasDependents: z.boolean().default(true), hasOpenPullRequests: z.boolean().default(true),
  }),
  "task/due.changed": z.object({ taskId: z.string(), dueAt: z.string().nullable(), hasOpenPullRequests: z.boolean().default(true) }),
  /** What a cron-triggered run receives: the schedule and the minute it fired for. */
  "cron/ticked": z.object({ cron: z.string(), scheduledTime: z.string() }),
} as const;

export type EventName = keyof typeof eventSchemas;
/** An event's data as it travels (hints filled in); a sender may leave defaulted fields out. */
export type EventData<N extends EventName> = z.output<(typeof eventSchemas)[N]>;
export type EventInput<N extends EventName> = z.input<(typeof eventSchemas)[N]>;

/** What travels through the engine. `id` makes delivery idempotent: the same id starts nothing twice. */
export interface EventEnvelope<N extends EventName = EventName> {
  id: string;
  name: N;
  data: EventData<N>;
  ts: string;
}

export function makeEvent<N extends EventName>(name: N, id: string, data: EventInput<N> | EventData<N>, ts: string): EventEnvelope<N> {
  return { id, name, data: eventSchemas[name].parse(data) as EventData<N>, ts };
}
