// Extraction quality: precision, recall and status agreement of the extractor against the hand-written truth files.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadExtraction } from "./lib/domain.mjs";
import { root } from "./lib/hub.mjs";
import { round } from "./lib/stats.mjs";

const DIR = join(root, "test/fixtures/claude");
const pct = (x) => (x === null ? null : round(x * 100));

/** Per transcript and in total (ratios over the summed counts); the floors are the goals. */
export async function benchExtractionQuality() {
  const { scoreTranscript, totalScore } = await loadExtraction();
  const sessions = readdirSync(join(DIR, "truth"))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const truth = JSON.parse(readFileSync(join(DIR, "truth", f), "utf8"));
      const s = scoreTranscript(readFileSync(join(DIR, truth.transcript), "utf8"), truth);
      return { name: f.replace(/\.json$/, ""), score: s };
    });
  const total = totalScore(sessions.map((s) => s.score));
  const prose = total.byOrigin.prose ?? { extracted: 0, matched: 0 };
  const perSession = Object.fromEntries(
    sessions.map(({ name, score: s }) => [
      name,
      { precision: pct(s.precision), recall: pct(s.recall), statusAgreement: pct(s.statusAgreement), extracted: s.extracted, truth: s.truth, matched: s.matched, duplicates: s.duplicates },
    ]),
  );
  const detail = {
    sessions: sessions.length,
    extracted: total.extracted,
    truth: total.truth,
    matched: total.matched,
    duplicates: total.duplicates,
    prosePrecision: prose.extracted ? pct(prose.matched / prose.extracted) : null,
    byOrigin: total.byOrigin,
    perSession,
  };
  const figure = (name, value, goal, d) => ({ name, unit: "%", value: pct(value), baseline: goal ? { name: "goal", value: goal } : null, ratio: goal && value !== null ? round((value * 100) / goal, 2) : null, detail: d });
  const brief = { sessions: detail.sessions, extracted: detail.extracted, truth: detail.truth, matched: detail.matched, duplicates: detail.duplicates, prosePrecision: detail.prosePrecision };
  // Per session figures once, under precision; the other two carry the totals.
  return [
    figure("extraction precision", total.precision, null, detail),
    figure("extraction recall", total.recall, null, brief),
    figure("extraction status agreement", total.statusAgreement, 95, { ...brief, statusAgreed: total.statusAgreed }),
  ];
}
