// Which of a session post's intents can apply now and which wait for a task the hub has not seen created yet.
//
// The ingress queue promises no order across batches: a session's "TaskCompleted" may arrive before the post
// that creates its task. Such an intent is held under the key it waits for, not dropped, and applied once the
// task appears (app/session-posts.ts); one that waits too long is discarded by the cron (roll-up-requests).

import type { TaskIntent } from "./extract/types";

/** How long an intent waits for its task at most, by its door time; the cron discards it after. */
export const HOLD_MS = 24 * 60 * 60_000;
/** Intents one session may have waiting at once; a post beyond it has the rest discarded. */
export const HELD_PER_SESSION = 200;
/** Held intents the cron discards per transaction. */
export const HELD_PRUNE_BATCH = 500;

/** An intent waiting for the task under `externalKey` in its session's project. `seq` orders one post's intents. */
export interface HeldIntent {
  id: string;
  projectId: string;
  sessionId: string;
  externalKey: string;
  doorAt: string;
  seq: number;
  intent: TaskIntent;
}

/** The keys an intent can do nothing without: an update that names no title, a dependency's two ends. */
export function neededKeys(intent: TaskIntent): string[] {
  if (intent.type === "upsert") return intent.title ? [] : [intent.externalKey];
  if (intent.type === "depend") return [intent.externalKey, intent.dependsOnExternalKey];
  return [];
}

/** The keys an intent makes a task under when none has it: a titled upsert, a list's items. */
export function madeKeys(intent: TaskIntent): string[] {
  if (intent.type === "upsert") return intent.title ? [intent.externalKey] : [];
  if (intent.type === "list") return intent.items.map((i) => i.externalKey);
  return [];
}

/** The keys a post's intents need, once each: what the store is asked about (nothing, for a post that needs none). */
export const keysNeeded = (intents: readonly TaskIntent[]): string[] => [...new Set(intents.flatMap(neededKeys))];

export interface Split {
  now: TaskIntent[];
  /** In the post's order; `externalKey` is the first key the intent waits for. */
  waiting: { externalKey: string; seq: number; intent: TaskIntent }[];
}

/**
 * Splits a post's intents, in order: one waits when a key it needs is held by no task (in any project: a key
 * another project holds can never be made here, and the store refuses it as before) and made by no intent
 * before it in the same post; the rest apply now. `known` is the keys some task answers to.
 */
export function holdBack(intents: readonly TaskIntent[], known: ReadonlySet<string>): Split {
  const made = new Set<string>();
  const split: Split = { now: [], waiting: [] };
  intents.forEach((intent, seq) => {
    const missing = neededKeys(intent).find((k) => !known.has(k) && !made.has(k));
    if (missing !== undefined) {
      split.waiting.push({ externalKey: missing, seq, intent });
      return;
    }
    split.now.push(intent);
    for (const k of madeKeys(intent)) made.add(k);
  });
  return split;
}

/** Held intents in the order their posts came through the door, each post's in its own order. */
export const byDoorOrder = (held: readonly HeldIntent[]): HeldIntent[] =>
  [...held].sort((a, b) => (a.doorAt < b.doorAt ? -1 : a.doorAt > b.doorAt ? 1 : a.seq - b.seq));

/** Consecutive held intents of one post (session and door time), so each applies as its session, at its time. */
export function byPost(held: readonly HeldIntent[]): HeldIntent[][] {
  const posts: HeldIntent[][] = [];
  for (const h of held) {
    const last = posts.at(-1);
    if (last && last[0].sessionId === h.sessionId && last[0].doorAt === h.doorAt) last.push(h);
    else posts.push([h]);
  }
  return posts;
}

/** The door time before which a held intent is discarded, for a cron tick at `now` (ms). */
export const heldBefore = (now: number): string => new Date(now - HOLD_MS).toISOString();
