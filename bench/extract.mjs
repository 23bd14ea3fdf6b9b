// Transcript extraction: MB/s of extractTranscript over the long session vs a bare JSON.parse-per-line loop, same process;
// and over adversarial transcripts (bench/adversarial.mjs), whose worst case is reported beside it.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { adversarialRates } from "./adversarial.mjs";
import { loadExtraction } from "./lib/domain.mjs";
import { root } from "./lib/hub.mjs";
import { median, round } from "./lib/stats.mjs";

/** The 1.9 MB session: compaction, Task tools, progress lines. */
export const LARGE = "e-large-1.9mb-compaction-tasks-v2.1.42.jsonl";

function loop(text) {
  let n = 0;
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      if (JSON.parse(line)) n++;
    } catch {}
  }
  return n;
}

/** MB/s of fn over text: enough repetitions to pass minMs, after a warm-up. */
function rate(fn, text, minMs = 400) {
  for (let i = 0; i < 3; i++) fn(text);
  let reps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) (fn(text), reps++);
  const s = (performance.now() - t0) / 1000;
  return (text.length * reps) / 1e6 / s;
}

/** Bytes of each adversarial transcript (BENCH_ADVERSARIAL_BYTES; small values let code that backtracks finish). */
const ADVERSARIAL_BYTES = Number(process.env.BENCH_ADVERSARIAL_BYTES ?? 64 * 1024);

export async function benchExtraction({ runs = 7 } = {}) {
  const { extractTranscript } = await loadExtraction();
  const text = readFileSync(join(root, "test/fixtures/claude", LARGE), "utf8");
  const ours = [];
  const theirs = [];
  // Interleaved runs, so a noisy neighbour slows both sides alike.
  for (let i = 0; i < runs; i++) {
    ours.push(rate(extractTranscript, text));
    theirs.push(rate(loop, text));
  }
  const value = round(median(ours));
  const base = round(median(theirs));
  const normal = { name: "transcript extraction", unit: "MB/s", value, baseline: { name: "JSON.parse loop", value: base }, ratio: round(value / base, 2), detail: { file: LARGE, bytes: text.length, runs } };
  const adv = adversarialRates(extractTranscript, rate, ADVERSARIAL_BYTES);
  const worst = round(adv.worst, 4);
  const cases = Object.fromEntries(Object.entries(adv.cases).map(([k, v]) => [k, round(v, 4)]));
  return [normal, { name: "adversarial extraction", unit: "MB/s", value: worst, baseline: { name: "transcript extraction", value }, ratio: round(worst / value, 5), detail: { bytes: ADVERSARIAL_BYTES, worstCase: adv.worstCase, cases } }];
}
