// Lighthouse's CPU slowdown calibrated to the machine, as its docs/throttling.md ("Calibrating the CPU slowdown") advises.

/**
 * The default 4× turns a high-end desktop (benchmarkIndex 1,500–2,000) into a mid-tier phone; on a slower machine
 * the same 4× models a much slower phone. These are the points of Lighthouse's CPU throttling calculator
 * (lighthouse-cpu-throttling-calculator.vercel.app, linked from that doc): benchmarkIndex 150 → 1×, 800 → 2×,
 * 1,300 → 3×, 1,533 → 4×, linear between. Never above Lighthouse's own default of 4× and never below 1×.
 */
const POINTS: [index: number, multiplier: number][] = [
  [150, 1],
  [800, 2],
  [1300, 3],
  [1533, 4],
];

export function cpuSlowdown(benchmarkIndex: number): number {
  if (!(benchmarkIndex > POINTS[0][0])) return 1;
  for (let i = 1; i < POINTS.length; i++) {
    const [x0, y0] = POINTS[i - 1];
    const [x1, y1] = POINTS[i];
    if (benchmarkIndex <= x1) return y0 + ((benchmarkIndex - x0) / (x1 - x0)) * (y1 - y0);
  }
  return 4;
}
