// Lighthouse's mobile preset (simulated throttling) on Debian's Chromium against the board, a task page and /runs:
// accessibility and best practices at least 0.95; performance printed, and held to 0.95 with LIGHTHOUSE_GATE_PERFORMANCE=1.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import type { Result } from "lighthouse";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Hub } from "../browser/hub";
import { cpuSlowdown } from "./cpu-slowdown";
import { seed, startSeededHub } from "./seed";

const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
const BAR = 0.95;
/**
 * Performance is printed on every run but fails the audit only with LIGHTHOUSE_GATE_PERFORMANCE=1: on the shared
 * 2-core machine the renderer waits for a core inside its own tasks (in the traces wall time ran 2.5–4× the CPU
 * time, up to 8× in one task), Total Blocking Time counts wall time, and one page's score moved by 0.2 between runs.
 */
const GATED = CATEGORIES.filter((c) => c !== "performance" || process.env.LIGHTHOUSE_GATE_PERFORMANCE === "1");
/**
 * Performance under simulated throttling is computed from a trace of the real load, so a busy 2-core machine moves it
 * (a plain "Hello" page measured 0.72 to 0.99 here on 2026-12-01): every page runs this many times, after one warm-up
 * run per page that does not count (a fresh Chrome's first loads were the slowest), and each category's median counts.
 * Three keeps the step near three minutes; accessibility and best practices measured the same on every run.
 */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
/** Each round's CPU slowdown and the benchmarkIndex it came from, printed with the scores. */
const calibration: string[] = [];
/** Every run's full report, for Lighthouse's viewer when a score needs explaining. */
const REPORTS = join(process.cwd(), "test-results", "lighthouse");

let hub: Hub;
let chrome: chromeLauncher.LaunchedChrome;
const pages: Record<string, string> = {};
const results = new Map<string, Result[]>();

/**
 * One Lighthouse run. A run that could not record the page (on the loaded machine a trace once came back without its
 * navigation start, NO_NAVSTART, whose message says to run again) is run again, at most twice; its scores never count.
 */
async function audit(url: string, opts: { cookie: string; slowdown: number }, attempt = 1): Promise<Result> {
  const out = await lighthouse(url, {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: [...CATEGORIES],
    extraHeaders: { cookie: opts.cookie },
    throttling: { cpuSlowdownMultiplier: opts.slowdown },
  });
  if (!out) throw new Error(`Lighthouse returned nothing for ${url}`);
  const error = out.lhr.runtimeError;
  if (!error) return out.lhr;
  if (attempt < 3) {
    console.log(`Lighthouse could not audit ${url} (${error.code}), running it again`);
    return audit(url, opts, attempt + 1);
  }
  throw new Error(`Lighthouse could not audit ${url} in ${attempt} attempts: ${error.message}`);
}

beforeAll(async () => {
  mkdirSync(REPORTS, { recursive: true });
  hub = await startSeededHub();
  const task = await seed(hub);
  Object.assign(pages, { board: "/?project=WEB", task: `/tasks/${task}`, runs: "/runs" });
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    // chrome-launcher's defaults already turn off background networking, component updates and sync: nothing leaves the machine.
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  const cookie = await hub.sessionCookie();
  // One Chrome for every run; the pages take turns so a slow moment of the machine does not land on one page only.
  // The warm-up round runs at Lighthouse's default 4×; every later round at the slowdown calibrated from the median
  // benchmarkIndex of the round before, so the multiplier follows the machine's load as it changes.
  let slowdown = 4;
  for (let run = -1; run < RUNS; run++) {
    const indexes: number[] = [];
    for (const [name, path] of Object.entries(pages)) {
      const lhr = await audit(`${hub.base}${path}`, { cookie, slowdown });
      indexes.push(lhr.environment.benchmarkIndex);
      if (run < 0) continue; // the warm-up
      results.set(name, [...(results.get(name) ?? []), lhr]);
      writeFileSync(join(REPORTS, `${name}-${run + 1}.json`), JSON.stringify(lhr));
    }
    const index = median(indexes);
    slowdown = Math.round(cpuSlowdown(index) * 100) / 100;
    if (run + 1 < RUNS) calibration.push(`round ${run + 2}: benchmarkIndex ${Math.round(index)} (median of [${indexes.map(Math.round).join(", ")}]) → ${slowdown}× CPU`);
  }
  console.log(`Lighthouse CPU slowdown, calibrated per docs/throttling.md:\n  ${calibration.join("\n  ")}`);
}, 900_000);

afterAll(async () => {
  await chrome?.kill();
  await hub?.stop();
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** What an audit found, as a line: the element (accessibility) or the message (console errors), else the value. */
function finding(lhr: Result, id: string) {
  const a = lhr.audits[id];
  const items = ((a.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []).slice(0, 3);
  const said = items.map((it) => {
    const node = it.node as { selector?: string; explanation?: string } | undefined;
    return node ? `${node.selector}: ${node.explanation?.split("\n").slice(1).join(" ").trim()}` : String(it.description ?? it.url ?? "");
  });
  return [a.displayValue, ...said].filter(Boolean).join("; ");
}

/** The audits that cost points in a category, in any run: id, title, each run's score and what the worst run found. */
function losses(runs: Result[], category: string) {
  const refs = runs[0].categories[category].auditRefs.filter((r) => r.weight > 0);
  return refs
    .map((r) => {
      const scores = runs.map((lhr) => lhr.audits[r.id].score);
      const worst = runs[scores.indexOf(Math.min(...scores.map((x) => x ?? 1)))] ?? runs[0];
      return { id: r.id, title: runs[0].audits[r.id].title, scores, found: finding(worst, r.id) };
    })
    .filter((a) => a.scores.some((s) => s !== null && s < 1));
}

for (const name of ["board", "task", "runs"]) {
  it(`${name}: ${GATED.join(", ")} at least ${BAR} (median of ${RUNS} runs)`, () => {
    const runs = results.get(name)!;
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((lhr) => lhr.categories[c].score ?? 0))]));
    // benchmarkIndex is Lighthouse's measure of the machine's speed during the run: a low one explains a low performance.
    const lines = [
      `${name} (${pages[name]}): ${CATEGORIES.map((c) => `${c} ${scores[c].toFixed(2)} [${runs.map((lhr) => lhr.categories[c].score).join(", ")}]`).join(" · ")}`,
      `  benchmarkIndex ${runs.map((lhr) => Math.round(lhr.environment.benchmarkIndex)).join(", ")} · CPU slowdown ${runs.map((lhr) => lhr.configSettings.throttling.cpuSlowdownMultiplier).join(", ")}×`,
    ];
    if (!GATED.includes("performance")) {
      const verdict = scores.performance >= BAR ? "at the bar" : `BELOW THE BAR of ${BAR}`;
      lines.unshift(`PERFORMANCE ${name}: ${scores.performance.toFixed(2)}, ${verdict} (reported, not gated; LIGHTHOUSE_GATE_PERFORMANCE=1 gates it)`);
    }
    for (const c of CATEGORIES) {
      for (const a of losses(runs, c)) lines.push(`  ${c}: ${a.id} (${a.title}) scored ${a.scores.join(", ")}: ${a.found}`);
    }
    console.log(lines.join("\n"));
    for (const c of GATED) expect(scores[c], `${name} ${c}\n${lines.join("\n")}`).toBeGreaterThanOrEqual(BAR);
  });
}
