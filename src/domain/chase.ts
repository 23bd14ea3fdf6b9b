// Chasing blocked work: which blockers are stale, and the windows that keep nudges and escalations rare.

import { isOpen, type Task } from "./tasks";

export const DAY_MS = 86_400_000;
export const STALE_AFTER_MS = 3 * DAY_MS;
export const NUDGE_EVERY_MS = 3 * DAY_MS;
export const ESCALATE_AFTER_MS = 2 * DAY_MS;

/** A blocker is stale when it is open and overdue, or nobody has touched it for three days. */
export function isStale(blocker: Pick<Task, "status" | "dueAt" | "updatedAt">, now: number): boolean {
  if (!isOpen(blocker.status)) return false;
  if (blocker.dueAt && Date.parse(blocker.dueAt) <= now) return true;
  return now - Date.parse(blocker.updatedAt) >= STALE_AFTER_MS;
}

/** At most one nudge per blocker per three days: the last nudge's time decides, the window names the key. */
export function mayNudge(lastNudgeAt: string | null, now: number): boolean {
  return !lastNudgeAt || now - Date.parse(lastNudgeAt) >= NUDGE_EVERY_MS;
}

export const nudgeWindow = (now: number) => Math.floor(now / NUDGE_EVERY_MS);
export const nudgeKey = (blockerId: string, window: number) => `nudge:${blockerId}:${window}`;
export const escalationKey = (blockerId: string, window: number) => `escalation:${blockerId}:${window}`;
export const unblockedKey = (dependentId: string, completedId: string) => `unblocked:${dependentId}:${completedId}`;

/** Escalate only when the blocker has not moved since the nudge: still open, same version. */
export function shouldEscalate(before: Pick<Task, "version">, now: Pick<Task, "status" | "version"> | null): boolean {
  return !!now && isOpen(now.status) && now.version === before.version;
}

export type ChaseAction = { do: "nudge" | "escalate"; window: number } | null;

/**
 * What the hourly chase does about one blocker others wait on: nothing while it is fresh; a nudge
 * at most every three days; an escalation when two days after a nudge it still has not moved.
 */
export function chaseAction(blocker: Pick<Task, "status" | "dueAt" | "updatedAt">, lastNudgeAt: string | null, now: number): ChaseAction {
  if (!isStale(blocker, now)) return null;
  if (lastNudgeAt) {
    const since = now - Date.parse(lastNudgeAt);
    const unmoved = Date.parse(blocker.updatedAt) <= Date.parse(lastNudgeAt);
    if (unmoved && since >= ESCALATE_AFTER_MS && since < NUDGE_EVERY_MS) return { do: "escalate", window: nudgeWindow(Date.parse(lastNudgeAt)) };
  }
  return mayNudge(lastNudgeAt, now) ? { do: "nudge", window: nudgeWindow(now) } : null;
}
