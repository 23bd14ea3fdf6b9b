// How many workflow runs may be alive at once: a run holds its slot while it runs and for a while after it ends.

/**
 * Local Cloudflare Workflows keeps every instance's SQLite database open for five minutes after its last
 * step (three file descriptors and a share of workerd's 512 MiB SQLite heap each), so a burst of thousands
 * of deliveries would exhaust the dev server. Starts beyond the limit are refused, not lost: the delivery
 * stays recorded and the re-emit sweep starts it once a slot is free.
 */
export class LaunchWindow {
  /** Run id → when its slot frees up. */
  private readonly slots = new Map<string, number>();
  constructor(
    readonly limit: number,
    /** How long a finished run still holds its slot. */
    readonly lingerMs: number,
    /** When a run never reports its end (it crashed, or ran elsewhere), its slot frees this long after its start. */
    readonly maxRunMs: number,
  ) {}

  /** Takes a slot for run `id` at `now` if one is free; false when all are held. */
  take(id: string, now: number): boolean {
    for (const [run, freeAt] of this.slots) if (freeAt <= now) this.slots.delete(run);
    if (this.slots.size >= this.limit) return false;
    this.slots.set(id, now + this.maxRunMs + this.lingerMs);
    return true;
  }

  /** Run `id` ended at `now`: its slot frees after the linger. */
  finish(id: string, now: number): void {
    if (this.slots.has(id)) this.slots.set(id, now + this.lingerMs);
  }

  get held(): number {
    return this.slots.size;
  }
}
