// The events a task change causes: status.changed and due.changed, with ids that make replays no-ops.

import type { TaskChange } from "../ports/store";
import { makeEvent, type EventEnvelope } from "./events";

export function taskEvents(changes: TaskChange[], at: string): EventEnvelope[] {
  const out: EventEnvelope[] = [];
  for (const { task, from } of changes) {
    const fromStatus = from?.status ?? "todo";
    if (task.status !== fromStatus || (!from && task.status !== "todo")) {
      out.push(makeEvent("task/status.changed", `status-${task.id}-${task.version}`, { taskId: task.id, from: from?.status ?? "new", to: task.status }, at));
    }
    if ((from?.dueAt ?? null) !== task.dueAt) {
      out.push(makeEvent("task/due.changed", `due-${task.id}-${task.dueAt ?? "none"}`, { taskId: task.id, dueAt: task.dueAt }, at));
    }
  }
  return out;
}
