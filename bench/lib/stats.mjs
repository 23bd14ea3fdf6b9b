// Small statistics for the bench: medians and nearest-rank percentiles.

export const median = (xs) => percentile(xs, 50);

export function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls until check() is truthy; returns the milliseconds it took. */
export async function until(check, { timeoutMs = 60_000, everyMs = 10 } = {}) {
  const t0 = performance.now();
  for (;;) {
    if (await check()) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}
