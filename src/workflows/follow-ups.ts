// A follow-up workflow's tasks: the batch's items it takes (domain/follow-ups.ts), or the one per-task event that started it.

import type { EventData, EventEnvelope, FollowUpItem } from "../domain/events";
import { matchesTrigger, type EventTrigger, type Trigger } from "./define";

type Hint = keyof Omit<EventData<"task/follow-ups.requested">, "items">;

/**
 * Triggered by its per-task event sent alone (a replay, a run started before batches) or by a batch with work for
 * it. The per-task trigger takes only unbatched events: one also carried by a batch is the batch run's.
 */
export function followUpTrigger(perTask: EventTrigger, hint: Hint): Trigger {
  return { any: [{ ...perTask, when: { ...perTask.when, batched: [false] } }, { event: "task/follow-ups.requested", when: { [hint]: [true] } }] };
}

export interface FollowUps {
  items: FollowUpItem[];
  batch: boolean;
  /** A step's name for this task: in a batch it carries the task event's id, so names stay unique per run and a retried run redoes only what it has not done. */
  named(step: string, item: FollowUpItem): string;
}

export function followUpsOf(perTask: EventTrigger, event: EventEnvelope): FollowUps {
  const batch = event.name === "task/follow-ups.requested";
  const items = batch ? (event.data as EventData<"task/follow-ups.requested">).items.filter((i) => matchesTrigger(perTask, i)) : [event as EventEnvelope & FollowUpItem];
  return { items, batch, named: (step, item) => (batch ? `${step}-${item.id}` : step) };
}
