// Session intents held back until the task they name appears (domain/held-intents.ts decides which).

import type { HeldIntent } from "../../domain/held-intents";

export type { HeldIntent };

export interface HeldIntentStore {
  /**
   * Keeps one session's waiting intents; one held before (same id) is kept once. Only room for `perSession`
   * held intents of that session: the rest, in the given order, are discarded. Returns how many were discarded.
   */
  holdIntents(sessionId: string, held: HeldIntent[], perSession: number): Promise<{ discarded: number }>;
  /**
   * Takes (removes and returns) the intents held in this project under these keys that a task of this project
   * now answers to, in door order. A held intent is never returned twice.
   */
  releaseHeldIntents(projectId: string, keys: string[]): Promise<HeldIntent[]>;
  /** Discards up to `limit` intents held since before `before` (door time); returns how many. */
  pruneHeldIntents(before: string, limit: number): Promise<number>;
}
