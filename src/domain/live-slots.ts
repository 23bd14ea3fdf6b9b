// The live feed's rules: which of a token's slots count as held at a moment, and when a page that stopped reading is gone.

/** When a slot was taken. */
export interface LiveSlot {
  takenAt: number;
}

/**
 * A slot counts as held until it is given back, and never past `lifetimeMs` after it was taken: a stream ends by
 * itself within its own lifetime, so a slot still taken after that (plus a grace) belongs to a stream whose end
 * was never heard, and is free by rule.
 */
export function isHeld(slot: LiveSlot, now: number, lifetimeMs: number): boolean {
  return now < slot.takenAt + lifetimeMs;
}

/** The slots of `slots` that still count as held at `now`. */
export function heldSlots<S extends LiveSlot>(slots: Iterable<S>, now: number, lifetimeMs: number): S[] {
  return [...slots].filter((s) => isHeld(s, now, lifetimeMs));
}

/**
 * An open page takes each line as it comes; one that has left a line unread since `unreadSince` for `patienceMs`
 * or more has gone (a proxy in front of the hub may never report it leaving). `undefined`: nothing is unread.
 */
export function pageGone(unreadSince: number | undefined, now: number, patienceMs: number): boolean {
  return unreadSince !== undefined && now - unreadSince >= patienceMs;
}
