// Waits until the machine is idle before Lighthouse measures it: a trace of a page is only as quiet as the machine.
import { readFileSync } from "node:fs";

/** Busy and total CPU time of all cores so far, from /proc/stat (Linux; elsewhere nothing to wait for). */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    const idle = f[3] + (f[4] ?? 0); // idle and iowait
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * Resolves once two one-second samples in a row show the machine's cores under `threshold` busy, or after
 * `timeoutMs`; says how long it waited and how busy the machine was. A test run just before (the fault run's hub
 * stopping, its state removed) or a neighbour can keep the cores busy for a while, and Lighthouse would count that
 * as the page's blocking time.
 */
export async function machineIdle({ threshold = 0.15, timeoutMs = 90_000 } = {}): Promise<string> {
  const started = Date.now();
  let quiet = 0;
  let last = cpuTimes();
  let busy = 0;
  while (last && Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = cpuTimes()!;
    busy = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    last = now;
    quiet = busy < threshold ? quiet + 1 : 0;
    if (quiet === 2) break;
  }
  const waited = Math.round((Date.now() - started) / 1000);
  return `waited ${waited} s for an idle machine (last second ${Math.round(busy * 100)}% busy${quiet < 2 && last ? ", gave up" : ""})`;
}
