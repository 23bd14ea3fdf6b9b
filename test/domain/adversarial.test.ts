// Adversarial text through the whole extractor and parsers: each must grow linearly with its input.
//
// Not a timing claim: each case compares the time for an input of size n with one of size 8n on the same
// machine in the same second. Linear work grows ~8×, quadratic ~64×, cubic ~512×; the bound (24×) leaves room
// for a noisy, shared machine and still fails anything quadratic.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../src/domain/extract";
import { extractHook } from "../../src/domain/extract/hook";
import { planGitHubEvent } from "../../src/domain/github-events";
import { readPullRequest } from "../../src/domain/pull-requests";
import { parseBranchName, parseText } from "../../src/domain/refs";
import { assistantText, BASE, jsonl, SESSION, toolResult, toolUse, userLine } from "./extract/helpers";

// 32: a quadratic pattern still shows ~64×, and a run that shares its cores with other test projects (GC and
// scheduling land in process CPU time) stays well under it when the code is linear.
const GROWTH_MAX = 32;
const TIMEOUT_MS = 180_000;

/**
 * CPU milliseconds of `reps` runs. CPU time, not wall time: on a shared machine the scheduler lets a short run
 * finish within its slice but shares a longer one out, which alone made linear work look 50× slower at 8n.
 */
function timeOf(run: () => void, reps: number): number {
  const t0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) run();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * time(8n) / time(n): the median over 5 interleaved pairs, each side timed over enough repetitions for the small
 * input to last ≥ 20 ms. A large input whose single runs are both far past the bound settles it at once: repeating
 * a cubic run hundreds of times would only stall the suite.
 */
function growth(make: (n: number) => () => void, n: number): number {
  const small = make(n);
  const large = make(8 * n);
  small();
  let reps = 1;
  while (reps < 1 << 14 && timeOf(small, reps) < 20) reps *= 2;
  const perSmall = timeOf(small, reps) / reps;
  const single = Math.min(timeOf(large, 1), timeOf(large, 1)) / perSmall;
  if (single > 4 * GROWTH_MAX) return single;
  const ratios: number[] = [];
  for (let i = 0; i < 5; i++) ratios.push(timeOf(large, reps) / timeOf(small, reps));
  return median(ratios);
}

const sp = (n: number) => " ".repeat(n);
const stop = (message: string, cwd = BASE.cwd) => () => void extractHook({ session_id: SESSION, cwd, hook_event_name: "Stop", last_assistant_message: message });
const prompt = (text: string) => () => void extractHook({ session_id: SESSION, cwd: BASE.cwd, hook_event_name: "UserPromptSubmit", prompt: text });
const transcript = (text: string) => () => void extractTranscript(text);
const nested = (n: number) => `{"type":"user","message":{"content":${"[".repeat(n)}${"]".repeat(n)}}}\n`;
const endTurn = JSON.stringify({ ...BASE, type: "system", subtype: "turn_duration", uuid: "e", timestamp: "2026-02-11T10:00:09.000Z" });
const lastWords = (text: string) => transcript(jsonl(assistantText(text), endTurn));
const summary = (text: string) => transcript(jsonl(userLine(text, undefined, { isCompactSummary: true })));

/** baseline: the runtime's own work on the same input (JSON.parse), whose growth ours may follow but not exceed. */
type Case = [name: string, make: (n: number) => () => void, n: number, baseline?: (n: number) => () => void];

const extraction: Case[] = [
  ["Stop hook: \"next steps\" + spaces + x", (n) => stop(`next steps${sp(n)}x`), 40],
  ["Stop hook: \"**Next steps**\" + spaces + \":\" + spaces + x", (n) => stop(`**Next steps**${sp(n)}:${sp(n)}x`), 12],
  ["Stop hook: a next-steps item of nested [ brackets", (n) => stop(`Next steps:\n- fix the ${"[".repeat(n)}x`), 500],
  ["Stop hook: a next-steps item ending in a run of dots", (n) => stop(`Next steps:\n- fix the parser${".".repeat(n)}x`), 500],
  ["Stop hook: indented \"next steps\" lines inside the list after one", (n) => stop(`Next steps:\n${"- add a thing\n  next steps\n".repeat(n)}`), 200],
  ["Stop hook: a cwd of slashes", (n) => stop("done", `${"/".repeat(n)}x`), 2_000],
  ["transcript: a turn ending on \"next steps\" + spaces + x", (n) => lastWords(`next steps${sp(n)}x`), 40],
  ["prompt: <a<a<a…", (n) => prompt(`please add ${"<a".repeat(n)}`), 500],
  ["prompt: <a <a <a… (attributes never closed)", (n) => prompt(`please add ${"<a ".repeat(n)}`), 500],
  ["prompt: <a><a><a>… (tags never closed)", (n) => prompt(`please add a ${"<a>".repeat(n)}`), 500],
  ["prompt: <a1><a2>… (many names, never closed)", (n) => prompt(Array.from({ length: n }, (_, i) => `<a${i}>`).join("")), 300],
  ["prompt: deeply nested tags", (n) => prompt(`${"<a>".repeat(n)}please add x${"</a>".repeat(n)}`), 500],
  ["prompt: a request ending in spaces and commas", (n) => prompt(`please add x${" ,".repeat(n)}y`), 500],
  // Megabyte lines on both sides: V8 allocates strings past ~0.5 MB apart, which alone bends 128 KB → 1 MB.
  ["transcript: a megabyte prompt line (and one of 8 MB)", (n) => transcript(jsonl(userLine(`please add ${"word ".repeat(n)}`))), 200_000],
  ["transcript: a megabyte line of spaces after \"next steps\" (and one of 8 MB)", (n) => lastWords(`next steps${sp(n)}x`), 1_000_000],
  // V8's own JSON.parse grows 9–24× over 8× the depth here (measured 2026-12-01), so the bound follows it.
  ["transcript: deeply nested JSON content", (n) => transcript(nested(n)), 2_000, (n) => () => void JSON.parse(nested(n))],
  ["compaction: a pending item of open parentheses", (n) => summary(`## Pending Tasks\n- fix ${"(".repeat(n)}x`), 500],
  ["compaction: a pending item with spaces before no colon", (n) => summary(`## Pending Tasks\n- fix x${sp(n)}y`), 500],
  ["compaction: current work of spaces and dashes", (n) => summary(`## Current Work\nfixing x${sp(n)}y${".".repeat(n)}x`), 500],
  ["compaction: many #N and HUB-N fragments", (n) => summary(`## Pending Tasks\n${Array.from({ length: n }, (_, i) => `- HUB-${i} #${i} x-${i}.${i}`).join("\n")}\n## Current Work\n${"HUB-1 #2 ".repeat(20 * n)}`), 100],
  ["bd create: a long quoted title and many chained commands", (n) => transcript(jsonl(...bashCall(`bd create "${"x ".repeat(n)}" && ${"bd dep add a-1 b-2 && ".repeat(n / 10)}true`, "✓ Created issue: app-abc"))), 500],
  ["bd: nested $( substitutions never closed", (n) => transcript(jsonl(...bashCall(`bd create --body="${"$(".repeat(n)}"`, "✓ Created issue: app-abc"))), 500],
  ["bd: many heredocs never closed", (n) => transcript(jsonl(...bashCall(`bd create x ${"<<EOF ".repeat(n)}\n${"line\n".repeat(n)}`, "✓ Created issue: app-abc"))), 500],
  ["task-master: many ids in one set-status", (n) => transcript(jsonl(...bashCall(`task-master set-status --id=${Array.from({ length: n }, (_, i) => `${i}.1`).join(",")} --status=done`, "ok"))), 200],
  ["ExitPlanMode: an approved plan whose title and steps are runs of spaces and brackets", (n) => transcript(jsonl(toolUse("ExitPlanMode", { plan: `# Plan: x${sp(n)}y\n## Steps\n${`- step ${"[".repeat(n / 20)}${sp(n / 20)}:${sp(n / 20)}.\n`.repeat(20)}` }, "p1"), toolResult("p1", "User has approved your plan.", {}))), 500],
];

/** The pathological inputs refs.test.ts once held to a 2-second wall-clock budget, scaled by n. */
const nasty = (n: number) => [
  "a-".repeat(5 * n),
  "`".repeat(3 * n) + " `` ".repeat(n),
  "1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1/".repeat(n / 2),
  `https://${",".repeat(20 * n)}`,
  "#a-".repeat(5 * n),
  "<!--".repeat(5 * n),
];

const parsing: Case[] = [
  ["commit text and branch names: backticks, dashes, commas in URLs, comment openers", (n) => {
    const texts = nasty(n);
    return () => texts.forEach((t) => void (parseText(t), parseBranchName(t)));
  }, 400],
  ["commit text: many # fragments", (n) => () => void parseText("#".repeat(n)), 4_000],
  ["commit text: many HUB- fragments", (n) => () => void parseText("HUB-".repeat(n)), 2_000],
  ["issue comment: blank lines before no /taskhub", (n) => () => void planGitHubEvent("issue_comment", comment(`${"\n".repeat(n)}x`)), 1_000],
  ["pull request: title, body and branch of fragments", (n) => () => void readPullRequest({ title: "Fixes #".repeat(n), body: "HUB-1 #done ".repeat(n), head: "hub-".repeat(n), repo: "a/b" }, {}), 200],
];

let calls = 0;
function bashCall(command: string, output: string): string[] {
  const id = `toolu_adv_${++calls}`;
  return [toolUse("Bash", { command }, id), toolResult(id, output, { stdout: output })];
}


function comment(body: string) {
  return {
    action: "created",
    repository: { full_name: "a/b" },
    issue: { number: 1, html_url: "https://github.com/a/b/issues/1", title: "t" },
    comment: { id: 1, body },
  };
}

describe("extraction grows linearly with adversarial input", () => {
  it.each(extraction)("%s", (_, make, n, baseline) => {
    const ratio = growth(make, n);
    // Where the runtime's own parser grows faster than linearly, ours may grow as it does (twice, for noise), not more.
    const bound = baseline ? Math.max(GROWTH_MAX, 2 * growth(baseline, n)) : GROWTH_MAX;
    expect(ratio, `time(8n) / time(n) = ${ratio.toFixed(1)}, bound ${bound.toFixed(1)}`).toBeLessThan(bound);
  }, TIMEOUT_MS);
});

describe("parsing grows linearly with adversarial input", () => {
  it.each(parsing)("%s", (_, make, n) => {
    const ratio = growth(make, n);
    expect(ratio, `time(8n) / time(n) = ${ratio.toFixed(1)}`).toBeLessThan(GROWTH_MAX);
  }, TIMEOUT_MS);
});
