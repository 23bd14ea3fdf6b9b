// How many workflow runs may start now: at most `limit` starts in any `windowMs`, the rest wait their turn.

/**
 * Local Cloudflare Workflows keeps every instance's SQLite database open for five minutes after its last
 * step (three file descriptors and a share of workerd's 512 MiB SQLite heap each), so a burst of thousands
 * of deliveries would exhaust the dev server. Starts beyond the limit are refused, not lost: the delivery
 * stays recorded and the re-emit sweep starts it once the window has room.
 */
export class LaunchWindow {
  private readonly starts: number[] = []; // oldest first
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Takes one start at `now` if the window has room; false when it is full. */
  take(now: number): boolean {
    while (this.starts.length && this.starts[0] <= now - this.windowMs) this.starts.shift();
    if (this.starts.length >= this.limit) return false;
    this.starts.push(now);
    return true;
  }
}
