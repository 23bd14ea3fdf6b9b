// Digests: whose digest is due this hour (in their own time zone), and what it says.

import { DAY_MS } from "./chase";
import { isOpen, type Task } from "./tasks";
import type { User } from "./users";

export const DUE_WINDOW_MS = 2 * DAY_MS;
/** Tasks per digest section: a digest is a summary, the dashboard has the rest. */
export const SECTION_MAX = 20;

export interface LocalClock {
  date: string; // YYYY-MM-DD in the person's zone
  hour: number;
  weekday: number; // 1 = Monday … 7 = Sunday
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export function localClock(now: Date, timeZone: string): LocalClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23", weekday: "short" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), weekday: WEEKDAYS.indexOf(parts.weekday) + 1 };
}

export type DigestPeriod = "daily" | "weekly";

/**
 * A daily digest every day at the person's hour; a weekly one on Mondays at that hour; not again on a
 * local day one went out (a batch mailer's idempotency covers one request, not each email in it).
 */
export function digestDue(
  user: Pick<User, "digest" | "digestHour" | "timezone"> & Partial<Pick<User, "lastDigestAt">>,
  now: Date,
): { period: DigestPeriod; localDate: string } | null {
  if (user.digest === "off") return null;
  const clock = localClock(now, user.timezone);
  if (clock.hour !== user.digestHour) return null;
  if (user.digest === "weekly" && clock.weekday !== 1) return null;
  if (user.lastDigestAt && localClock(new Date(user.lastDigestAt), user.timezone).date === clock.date) return null;
  return { period: user.digest, localDate: clock.date };
}

export const digestKey = (userId: string, localDate: string) => `digest:${userId}:${localDate}`;

/** Completed work counts since the last digest, or over the period when there was none. */
export function digestSince(user: Pick<User, "lastDigestAt">, period: DigestPeriod, now: Date): string {
  return user.lastDigestAt ?? new Date(now.getTime() - (period === "weekly" ? 7 : 1) * DAY_MS).toISOString();
}

export interface DigestTask extends Task {
  blocked: boolean;
  /** When the last of its blockers finished (chase-dependencies' "unblocked" activity), if ever. */
  unblockedAt: string | null;
}

export interface DigestSections {
  completed: Task[];
  inProgress: Task[];
  dueSoon: Task[];
  overdue: Task[];
  blocked: Task[];
  /** Open tasks whose blockers all finished since the last digest: work that became possible. */
  unblocked: Task[];
}

const byDue = (a: Task, b: Task) => (a.dueAt ?? "").localeCompare(b.dueAt ?? "");

/** Sorts a person's tasks into the digest's sections; a task may appear in more than one (in progress and due soon). */
export function buildDigest(tasks: DigestTask[], since: string, now: Date): DigestSections {
  const t = now.getTime();
  const open = tasks.filter((x) => isOpen(x.status));
  const due = (x: Task) => (x.dueAt ? Date.parse(x.dueAt) : null);
  const cap = (xs: Task[]) => xs.slice(0, SECTION_MAX);
  return {
    completed: cap(tasks.filter((x) => x.status === "completed" && !!x.completedAt && x.completedAt > since)),
    inProgress: cap(open.filter((x) => x.status === "in_progress" || x.status === "review")),
    dueSoon: cap(open.filter((x) => due(x) !== null && due(x)! > t && due(x)! <= t + DUE_WINDOW_MS).sort(byDue)),
    overdue: cap(open.filter((x) => due(x) !== null && due(x)! <= t).sort(byDue)),
    blocked: cap(open.filter((x) => x.blocked)),
    unblocked: cap(open.filter((x) => !x.blocked && !!x.unblockedAt && x.unblockedAt > since)),
  };
}

export const isEmptyDigest = (d: DigestSections) => Object.values(d).every((xs) => xs.length === 0);
