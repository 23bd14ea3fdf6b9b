// How many more delivery runs may start now: a run counts while it runs and for a while after it ends.

/**
 * Local Cloudflare Workflows keeps a run's SQLite database open after it ends (about three file descriptors
 * and a share of workerd's 512 MiB SQLite heap each) until `npm run dev` reloads the runtime, which it does
 * every 500 runs, checked every 10 s. A delivery beyond the limit is not emitted, not lost: it stays
 * recorded, and the re-emit sweep starts it once there is room. An ended run counts for a minute: long
 * enough for the reload that closes it.
 */
export const RUN_LINGER_MS = 60_000;
/** A run still "emitted" this long after it started is taken as dead (its isolate crashed), not running. */
export const MAX_RUN_MS = 15 * 60_000;

/** Since when a delivery's state counts: emitted since `running` (not yet ended), or ended since `ended`. */
export function liveSince(now: number): { running: string; ended: string } {
  return { running: new Date(now - MAX_RUN_MS).toISOString(), ended: new Date(now - RUN_LINGER_MS).toISOString() };
}

/** Runs that may start now; every one when there is no limit. */
export function launchRoom(alive: number, limit: number | undefined, wanted: number): number {
  return limit === undefined ? wanted : Math.max(0, Math.min(wanted, limit - alive));
}
