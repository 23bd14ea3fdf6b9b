// A burst's task follow-ups grouped: one task/follow-ups.requested per hundred tasks (one run per follow-up workflow), plus the per-task events only per-task listeners need.

import { makeEvent, type EventEnvelope, type FollowUpItem } from "./events";

/**
 * Tasks per batch event. A run takes about four steps a task at most (chase: release, tell, nudge, escalate),
 * so a hundred stays well under the engines' step caps (Workflows 1,024 by default, Inngest 1,000), and the
 * event (about 250 bytes a task) well under their payload caps.
 */
export const FOLLOW_UPS_PER_EVENT = 100;

const FINISHED = new Set(["completed", "cancelled"]);
const ITEM_NAMES = new Set<string>(["task/status.changed", "task/due.changed", "task/issue-sync.requested"]);
const isItem = (e: EventEnvelope): e is EventEnvelope & FollowUpItem => ITEM_NAMES.has(e.name);

/** Which batch workflows have work in these items: the same conditions their per-task triggers declare. */
export function followUpHints(items: readonly FollowUpItem[]): { chase: boolean; comments: boolean; issueSync: boolean } {
  return {
    chase: items.some((i) => i.name === "task/status.changed" && FINISHED.has(i.data.to) && i.data.hasDependents),
    comments: items.some((i) => i.name !== "task/issue-sync.requested" && i.data.hasOpenPullRequests),
    issueSync: items.some((i) => i.name === "task/issue-sync.requested"),
  };
}

/** FNV-1a, 64 bits: a batch's id from its items' ids, so the same follow-ups sent again start nothing twice. */
function fnv64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n);
  return h.toString(16).padStart(16, "0");
}

export const followUpsId = (items: readonly FollowUpItem[]) => `follow-ups-${fnv64(items.map((i) => i.id).join(","))}-${items.length}`;

/**
 * The events to send for these per-task events (other events pass through): their follow-ups in batches of
 * FOLLOW_UPS_PER_EVENT, each sent only if some batch workflow has work in it; and, alone and marked `batched`,
 * each due change (deadline-alerts sleeps until a task's own times and is cancelled per task, so it stays one
 * run per task) and each finish (what cancels a sleeping deadline run on Inngest).
 */
export function batchFollowUps(events: readonly EventEnvelope[], at: string): EventEnvelope[] {
  const items = events.filter(isItem) as FollowUpItem[];
  const out: EventEnvelope[] = events.filter((e) => !isItem(e));
  for (const e of items) {
    if (e.name === "task/due.changed" || (e.name === "task/status.changed" && FINISHED.has(e.data.to))) {
      out.push({ ...e, data: { ...e.data, batched: true } } as EventEnvelope);
    }
  }
  for (let i = 0; i < items.length; i += FOLLOW_UPS_PER_EVENT) {
    const chunk = items.slice(i, i + FOLLOW_UPS_PER_EVENT);
    const hints = followUpHints(chunk);
    if (hints.chase || hints.comments || hints.issueSync) out.push(makeEvent("task/follow-ups.requested", followUpsId(chunk), { items: chunk, ...hints }, at));
  }
  return out;
}
