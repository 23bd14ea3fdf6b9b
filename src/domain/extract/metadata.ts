// Priority, due date and tags read from a task's words and from where the session runs.

import * as chrono from "chrono-node";
import { capField, trimEndOf } from "../limits";
import type { Priority } from "../tasks";

const URGENT = /\b(urgent(ly)?|asap|critical|blocker|blocking)\b/i;
const HIGH = /\b(important|high[- ]priority)\b/i;
const LOW = /\b(low[- ]priority|nice[- ]to[- ]have)\b/i;

export function priorityFromText(text: string): Priority | undefined {
  if (URGENT.test(text)) return "urgent";
  if (HIGH.test(text)) return "high";
  if (LOW.test(text)) return "low";
  return undefined;
}

const DAY_MS = 86_400_000;
/** Characters chrono reads for a due date: its patterns grow faster than linearly ("next 1 next 1 …"); a title's worth. */
export const DUE_TEXT_MAX_CHARS = 300;
// chrono also reads "now", "in 5 minutes" and "at 3pm"; those are when, not by when, so only a day counts.
const SAME_DAY_DEADLINE = /\b(today|tonight|end of (the )?day|eod)\b/i;

/** A due date said in `text`, relative to `at` (the line's timestamp): end of that day, UTC. */
export function dueFromText(text: string, at: string | null): string | undefined {
  if (!at) return undefined;
  const ref = new Date(at);
  if (Number.isNaN(ref.getTime())) return undefined;
  for (const r of chrono.parse(text.slice(0, DUE_TEXT_MAX_CHARS), { instant: ref, timezone: "UTC" }, { forwardDate: true })) {
    const c = r.start;
    if (!c.isCertain("day") && !c.isCertain("weekday")) continue;
    const due = c.date();
    const days = Math.floor(due.getTime() / DAY_MS) - Math.floor(ref.getTime() / DAY_MS);
    if (days < 0 || (days === 0 && !SAME_DAY_DEADLINE.test(r.text))) continue;
    return `${due.toISOString().slice(0, 10)}T23:59:59.000Z`;
  }
  return undefined;
}

/** repo:<basename of cwd> and branch:<gitBranch>; a detached HEAD names no branch. */
export function placeTags(cwd: string | null, gitBranch: string | null): string[] {
  const tags: string[] = [];
  // Trailing slashes trimmed in one pass: /[\\/]+$/ retried from every slash of "////…x" is quadratic.
  const repo = cwd ? trimEndOf(capField(cwd), "\\/").split(/[\\/]/).pop() : undefined;
  if (repo) tags.push(`repo:${repo}`);
  if (gitBranch && gitBranch !== "HEAD") tags.push(`branch:${capField(gitBranch)}`);
  return tags;
}
