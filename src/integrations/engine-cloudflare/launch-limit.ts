// Local Workflows' launch limit (WORKFLOW_LAUNCH_LIMIT, set by `npm run dev`): the runs this engine started, counted in its own D1 table.

/**
 * Local Cloudflare Workflows keeps a run's SQLite database open after it ends (about three file descriptors
 * and a share of workerd's 512 MiB SQLite heap each) until `npm run dev` reloads the runtime, which it does
 * every 500 runs, checked every 10 s (scripts/dev/local-workflows.mjs). A delivery beyond the limit is not
 * emitted, not lost: it stays recorded, and the re-emit sweep starts it once there is room. An ended run
 * counts for a minute: long enough for the reload that closes it.
 */
export const RUN_LINGER_MS = 60_000;
/** A run not ended this long after it started is taken as dead (its isolate crashed), not running. */
export const MAX_RUN_MS = 15 * 60_000;

/** Since when a run counts: started since `running` (not yet ended), or ended since `ended`. */
export function liveSince(now: number): { running: string; ended: string } {
  return { running: new Date(now - MAX_RUN_MS).toISOString(), ended: new Date(now - RUN_LINGER_MS).toISOString() };
}

/** Runs that may start now; every one when there is no limit. */
export function launchRoom(alive: number, limit: number | undefined, wanted: number): number {
  return limit === undefined ? wanted : Math.max(0, Math.min(wanted, limit - alive));
}

/** The runs this engine started and has not seen end for long, in the `workflow_runs` table (migration 0011). */
export class LaunchLimit {
  constructor(
    private readonly db: D1Database,
    readonly limit: number,
  ) {}

  /** Runs alive at `now`, counted up to the limit (past it, the exact number changes nothing). */
  async alive(now = Date.now()): Promise<number> {
    const since = liveSince(now);
    const n = await this.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM workflow_runs WHERE ended_at IS NULL AND started_at >= ?1 LIMIT ?3))
              + (SELECT COUNT(*) FROM (SELECT 1 FROM workflow_runs WHERE ended_at >= ?2 LIMIT ?3)) AS n`,
      )
      .bind(since.running, since.ended, this.limit)
      .first<number>("n");
    return Math.min(n ?? 0, this.limit);
  }

  /** How many of `wanted` runs may start at `now`. */
  async room(wanted: number, now = Date.now()): Promise<number> {
    return wanted === 0 ? 0 : launchRoom(await this.alive(now), this.limit, wanted);
  }

  /** Runs were created; rows that no longer count go in the same round trip, so the table stays small. */
  async started(instanceIds: string | readonly string[], now = Date.now()): Promise<void> {
    const since = liveSince(now);
    await this.db.batch([
      this.db
        .prepare(`INSERT OR IGNORE INTO workflow_runs (instance_id, started_at) SELECT value, ?2 FROM json_each(?1)`)
        .bind(JSON.stringify(typeof instanceIds === "string" ? [instanceIds] : instanceIds), new Date(now).toISOString()),
      this.db.prepare(`DELETE FROM workflow_runs WHERE started_at < ?1 AND (ended_at IS NULL OR ended_at < ?2)`).bind(since.running, since.ended),
    ]);
  }
}

/** A counted run returned or gave up: it counts for RUN_LINGER_MS more, until the reload closes its database. */
export async function recordRunEnded(db: D1Database, instanceId: string, now = Date.now()): Promise<void> {
  await db.prepare(`UPDATE workflow_runs SET ended_at = ? WHERE instance_id = ? AND ended_at IS NULL`).bind(new Date(now).toISOString(), instanceId).run();
}
