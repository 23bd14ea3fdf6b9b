// A workflow's task changes sent on as events (the events themselves: src/app/task-events.ts).

import { followUpEventsOf } from "../app/task-events";
import type { Store, TaskChange } from "../ports/store";
import type { Step } from "./define";

export { followUpEventsOf, taskEvents, taskEventsOf } from "../app/task-events";

/**
 * A workflow's task changes sent on as events. The hints are read outside a step: a replay may read them
 * again, but the event ids are fixed by the changes, so a replay never starts a second run (a batch's id is its items' ids).
 */
export async function emitTaskEvents(
  step: Step,
  store: Pick<Store, "watchedTasks" | "getProject">,
  changes: TaskChange[],
  at: string,
  name = "emit-task-events",
  { issueSync = true } = {},
): Promise<void> {
  const events = await followUpEventsOf(store, changes, at, { issueSync });
  if (events.length) await step.sendEvent(name, events);
}
