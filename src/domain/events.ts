// Every event, once, with its schema: small, past tense, carrying ids rather than documents. Pure: ports and workflows read it.

import { z } from "zod";
import { ISSUE_SYNC_OPS } from "./issue-sync";

/**
 * `batched`: this per-task event also travels in a task/follow-ups.requested batch, so the workflows that take
 * batches leave it alone; only per-task listeners take it (deadline-alerts, which sleeps per task, and Inngest's
 * cancel-on). Left out, false: an event sent alone (a replay, an older sender) still starts every run it did.
 */
const batched = z.boolean().default(false);
const issueSyncRequested = z.object({ taskId: z.string(), op: z.enum(ISSUE_SYNC_OPS), otherId: z.string().nullable().default(null), batched });
/**
 * The has* hints say whether the change concerns more than the task itself (see Store.watchedTasks), so
 * follow-up workflows start only where they have work: a 500-task push starts 500 runs of nothing otherwise.
 * Left out, they are taken as true: an event that cannot say starts every run that might matter.
 */
const statusChanged = z.object({
  taskId: z.string(), from: z.string(), to: z.string(),
  hasDependents: z.boolean().default(true), hasOpenPullRequests: z.boolean().default(true), batched,
});
const dueChanged = z.object({ taskId: z.string(), dueAt: z.string().nullable(), hasOpenPullRequests: z.boolean().default(true), batched });
const followUpItem = z.discriminatedUnion("name", [
  z.object({ id: z.string(), name: z.literal("task/status.changed"), data: statusChanged, ts: z.string() }),
  z.object({ id: z.string(), name: z.literal("task/due.changed"), data: dueChanged, ts: z.string() }),
  z.object({ id: z.string(), name: z.literal("task/issue-sync.requested"), data: issueSyncRequested, ts: z.string() }),
]);
/** One task's follow-up inside a batch: the per-task event it stands for. */
export type FollowUpItem = z.output<typeof followUpItem>;

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
  "task/issue-sync.requested": issueSyncRequested,
  "task/status.changed": statusChanged,
  "task/due.changed": dueChanged,
  /**
   * A burst's task follow-ups, many tasks in one event (domain/follow-ups.ts): each follow-up workflow with work
   * in it (the hints) starts one run for the lot rather than one per task. Each item is the per-task event it
   * stands for, id included, so the run keeps per-task step names.
   */
  "task/follow-ups.requested": z.object({ items: z.array(followUpItem).min(1), chase: z.boolean(), comments: z.boolean(), issueSync: z.boolean() }),
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
