// CPU time of a process tree from /proc (utime + stime of pid and every descendant), for CPU-per-request figures.

import { readFileSync } from "node:fs";
import { descendants } from "./hub.mjs";
import { sleep } from "./stats.mjs";

const TICK_MS = 10; // USER_HZ is 100 on Linux (getconf CLK_TCK)

function ticks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // f[0] is field 3 (state)
    return Number(f[11]) + Number(f[12]); // fields 14 utime, 15 stime
  } catch {
    return 0; // ended while we looked
  }
}

/** Milliseconds of CPU the tree under pid has used so far. */
export const cpuMs = (pid) => [pid, ...descendants(pid)].reduce((n, p) => n + ticks(p), 0) * TICK_MS;

/**
 * Waits until the tree is idle (under 3% of a core over a second): the queue consumer applies deliveries after
 * the 202, so their CPU lands after the last response. Returns the tree's CPU ms at that point.
 */
export async function settledCpuMs(pid, { timeoutMs = 120_000 } = {}) {
  const t0 = Date.now();
  let last = cpuMs(pid);
  for (;;) {
    await sleep(1_000);
    const now = cpuMs(pid);
    if (now - last <= 30 || Date.now() - t0 > timeoutMs) return now;
    last = now;
  }
}
