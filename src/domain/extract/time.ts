// Active time in a slice: the sum of gaps between line timestamps, where a long gap means nobody was working.

export const IDLE_GAP_MS = 15 * 60_000;

export class ActiveTime {
  private last = NaN;
  private ms = 0;

  add(at: string | null): void {
    if (!at) return;
    const t = Date.parse(at);
    if (Number.isNaN(t)) return;
    // Tool results are written slightly out of order; measuring from the latest time seen keeps gaps non-negative.
    if (!(t > this.last)) {
      if (Number.isNaN(this.last)) this.last = t;
      return;
    }
    const gap = t - this.last;
    if (gap <= IDLE_GAP_MS) this.ms += gap;
    this.last = t;
  }

  minutes(): number {
    return Math.round(this.ms / 60_000);
  }
}
