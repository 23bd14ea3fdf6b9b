// Lighthouse's mobile preset (simulated throttling) on Debian's Chromium against the board, a task page and /runs,
// each reached from another hub page the way people move through the dashboard: performance, accessibility and best
// practices at least 0.95. A first load from another site is audited too and printed (see FIRST_LOAD below).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { navigation, startFlow, type Flags, type Result } from "lighthouse";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Hub } from "../browser/hub";
import { cpuSlowdown } from "./cpu-slowdown";
import { machineIdle } from "./machine-idle";
import { seed, startSeededHub } from "./seed";

const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
const BAR = 0.95;
/**
 * Performance under simulated throttling is computed from a trace of the real load, so a busy 2-core machine moves
 * it: every page is audited this many times and each category's median counts (five keep the step near four
 * minutes). Accessibility and best practices measured the same on every run.
 */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);
/** Every run's full report, for Lighthouse's viewer when a score needs explaining. */
const REPORTS = join(process.cwd(), "test-results", "lighthouse");

let hub: Hub;
let browser: Browser;
let page: Page;
const pages: Record<string, string> = {};
/** The audits that count: each page reached from the hub's previous page. */
const inApp = new Map<string, Result[]>();
/**
 * The same pages loaded from about:blank, as a link from another site or a bookmark opens them. Printed, not gated:
 * the hub answers with Cross-Origin-Opener-Policy: same-origin (its pages get a browsing context group, and on
 * Android a process, of their own), so Chrome commits such a load in a renderer it starts for it, and Lighthouse
 * counts that renderer's start-up as the page's blocking time: the board's own HTML scored 0.99–1.00 without the
 * header and 0.91–0.94 with it, a plain "Hello" page with it 0.96 (README, Tests).
 */
const firstLoad = new Map<string, Result>();
/** Each round's CPU slowdown and the benchmarkIndex it came from, printed with the scores. */
const calibration: string[] = [];

const settings = (slowdown: number): Flags => ({ onlyCategories: [...CATEGORIES], throttling: { cpuSlowdownMultiplier: slowdown } });

/**
 * A run that could not record the page (on the loaded machine a trace once came back without its navigation start,
 * NO_NAVSTART, whose message says to run again) is run again, at most twice; its scores never count. First loads
 * and counted runs alike, so every page has all its runs in the median.
 */
async function recorded(what: string, run: () => Promise<Result>): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const lhr = await run();
    if (!lhr.runtimeError) return lhr;
    if (attempt === 3) throw new Error(`Lighthouse could not audit ${what} in ${attempt} attempts: ${lhr.runtimeError.message}`);
    console.log(`Lighthouse could not audit ${what} (${lhr.runtimeError.code}), running it again`);
  }
}

beforeAll(async () => {
  mkdirSync(REPORTS, { recursive: true });
  hub = await startSeededHub();
  const task = await seed(hub);
  Object.assign(pages, { board: "/?project=WEB", task: `/tasks/${task}`, runs: "/runs" });
  // Puppeteer's default flags turn off background networking, component updates and sync: nothing leaves the machine.
  browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  page = await browser.newPage();
  const cookie = await hub.sessionCookie();
  const cut = cookie.indexOf("=");
  await browser.setCookie({ name: cookie.slice(0, cut), value: cookie.slice(cut + 1), domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" });

  // A clean-clone CI run's board median fell to 0.94 right after the fault run (0.98 alone on the same machine).
  console.log(`Lighthouse: ${await machineIdle()}`);
  // First loads, one per page at Lighthouse's default 4×: they also tell the machine's speed for the first round.
  const indexes: number[] = [];
  for (const [name, path] of Object.entries(pages)) {
    const lhr = await recorded(`${name} (first load)`, async () => (await navigation(page, `${hub.base}${path}`, { flags: settings(4) }))!.lhr);
    firstLoad.set(name, lhr);
    indexes.push(lhr.environment.benchmarkIndex);
    writeFileSync(join(REPORTS, `${name}-first-load.json`), JSON.stringify(lhr));
  }
  // The counted rounds. Each navigation runs in a tab of its own that first opens another hub page (not audited):
  // in one tab, round after round, the same renderer served every page and the scores fell by each round (0.99 in
  // the first to 0.84–0.90 in the fifth, on an idle machine). The pages take turns so a slow moment of the machine
  // does not land on one page only, and each round runs at the CPU slowdown calibrated from the round before.
  const names = Object.keys(pages);
  for (let run = 0; run < RUNS; run++) {
    const slowdown = Math.round(cpuSlowdown(median(indexes.splice(0))) * 100) / 100;
    calibration.push(`round ${run + 1}: ${slowdown}× CPU`);
    for (const [i, name] of names.entries()) {
      const from = pages[names[(i + names.length - 1) % names.length]];
      const lhr = await recorded(`${name} in round ${run + 1}`, () => fromHubPage(`${hub.base}${from}`, `${hub.base}${pages[name]}`, slowdown));
      indexes.push(lhr.environment.benchmarkIndex);
      inApp.set(name, [...(inApp.get(name) ?? []), lhr]);
      writeFileSync(join(REPORTS, `${name}-${run + 1}.json`), JSON.stringify(lhr));
    }
  }
  console.log(`Lighthouse CPU slowdown, calibrated per docs/throttling.md: ${calibration.join(", ")}`);
}, 900_000);

/**
 * One navigation as a click on a link does it: a tab on another hub page starts it (a renderer-initiated,
 * same-origin navigation), audited as the first navigation step of a user flow, so with the cache cleared.
 */
async function fromHubPage(from: string, to: string, slowdown: number): Promise<Result> {
  const tab = await browser.newPage();
  try {
    await tab.goto(from, { waitUntil: "load" });
    const flow = await startFlow(tab);
    // A string, evaluated in the page: the test's own types know no DOM.
    await flow.navigate(async () => void (await tab.evaluate(`location.assign(${JSON.stringify(to)})`)), settings(slowdown));
    return (await flow.createFlowResult()).steps[0].lhr;
  } finally {
    await tab.close();
  }
}

afterAll(async () => {
  await browser?.close();
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

const scoreLine = (runs: Result[]) => CATEGORIES.map((c) => `${c} ${median(runs.map((lhr) => lhr.categories[c].score ?? 0)).toFixed(2)} [${runs.map((lhr) => lhr.categories[c].score).join(", ")}]`).join(" · ");

for (const name of ["board", "task", "runs"]) {
  it(`${name}: ${CATEGORIES.join(", ")} at least ${BAR} (median of ${RUNS} runs, reached from another hub page)`, () => {
    const runs = inApp.get(name) ?? [];
    expect(runs.length, `${name}: recorded runs`).toBe(RUNS);
    const first = firstLoad.get(name)!;
    // benchmarkIndex is Lighthouse's measure of the machine's speed during the run: a low one explains a low performance.
    const lines = [
      `${name} (${pages[name]}): ${scoreLine(runs)}`,
      `  benchmarkIndex ${runs.map((lhr) => Math.round(lhr.environment.benchmarkIndex)).join(", ")} · CPU slowdown ${runs.map((lhr) => lhr.configSettings.throttling.cpuSlowdownMultiplier).join(", ")}×`,
      `  first load from about:blank (printed, not gated): ${scoreLine([first])} · Total Blocking Time ${Math.round(first.audits["total-blocking-time"].numericValue ?? 0)} ms`,
    ];
    for (const c of CATEGORIES) {
      for (const a of losses(runs, c)) lines.push(`  ${c}: ${a.id} (${a.title}) scored ${a.scores.join(", ")}: ${a.found}`);
    }
    console.log(lines.join("\n"));
    for (const c of CATEGORIES) expect(median(runs.map((lhr) => lhr.categories[c].score ?? 0)), `${name} ${c}\n${lines.join("\n")}`).toBeGreaterThanOrEqual(BAR);
  });
}
