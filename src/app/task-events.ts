// The events a task change causes: status.changed and due.changed, with ids that make replays no-ops.

import { makeEvent, type EventEnvelope } from "../domain/events";
import { batchFollowUps } from "../domain/follow-ups";
import type { Services } from "../ports/services";
import type { Store, TaskChange, WatchedTasks } from "../ports/store";
import { issueSyncEventsOf } from "./issue-sync";

/** Without the store's word, every task counts as watched: follow-ups start rather than being missed. */
const EVERYONE = (ids: string[]): WatchedTasks => ({ withDependents: ids, withOpenPullRequests: ids });

/** The events for these changes; `watched` (Store.watchedTasks) decides their follow-up hints. */
export function taskEvents(changes: TaskChange[], at: string, watched: WatchedTasks = EVERYONE(changes.map((c) => c.task.id))): EventEnvelope[] {
  const dependents = new Set(watched.withDependents);
  const pullRequests = new Set(watched.withOpenPullRequests);
  const out: EventEnvelope[] = [];
  for (const { task, from } of changes) {
    const fromStatus = from?.status ?? "todo";
    const hasOpenPullRequests = pullRequests.has(task.id);
    if (task.status !== fromStatus || (!from && task.status !== "todo")) {
      out.push(makeEvent("task/status.changed", `status-${task.id}-${task.version}`, {
        taskId: task.id, from: from?.status ?? "new", to: task.status, hasDependents: dependents.has(task.id), hasOpenPullRequests,
      }, at));
    }
    if ((from?.dueAt ?? null) !== task.dueAt) {
      out.push(makeEvent("task/due.changed", `due-${task.id}-${task.dueAt ?? "none"}`, { taskId: task.id, dueAt: task.dueAt, hasOpenPullRequests }, at));
    }
  }
  return out;
}

/** The events for these changes, with the store asked which tasks are watched (only when there is an event to send). */
export async function taskEventsOf(store: Pick<Store, "watchedTasks">, changes: TaskChange[], at: string): Promise<EventEnvelope[]> {
  const draft = taskEvents(changes, at);
  if (!draft.length) return [];
  const taskIds = [...new Set(draft.map((e) => (e.data as { taskId: string }).taskId))];
  return taskEvents(changes, at, await store.watchedTasks(taskIds));
}

/** The per-task follow-ups of changes. `issueSync`: whether they ask a syncing project's issues to follow (not when they came from them). */
export async function followUpsOf(store: Pick<Store, "watchedTasks" | "getProject">, changes: TaskChange[], at: string, { issueSync = true } = {}): Promise<EventEnvelope[]> {
  return [...(await taskEventsOf(store, changes, at)), ...(issueSync ? await issueSyncEventsOf(store, changes, at) : [])];
}

/** What changes send on, batched (domain/follow-ups.ts): a burst's follow-ups start one run per workflow, not one per task. */
export async function followUpEventsOf(store: Pick<Store, "watchedTasks" | "getProject">, changes: TaskChange[], at: string, options = {}): Promise<EventEnvelope[]> {
  return batchFollowUps(await followUpsOf(store, changes, at, options), at);
}

/** A use case's changes sent on as events: what follows a change, whichever surface made it (issue sync is the use case's own call). */
export async function emitChanges(services: Pick<Services, "store" | "engine">, changes: TaskChange[]): Promise<void> {
  const events = await followUpEventsOf(services.store, changes, new Date().toISOString(), { issueSync: false });
  if (events.length) await services.engine.send(events);
}
