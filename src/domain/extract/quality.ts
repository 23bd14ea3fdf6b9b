// Extraction quality: the tasks an extraction leaves at the end of a session, scored against a hand-written truth.

import { isOpen, type TaskStatus } from "../tasks";
import { extractTranscript } from "./index";
import type { Extraction, TaskIntent } from "./types";

/** Where a task came from, as the truth files name it. */
export type TaskOriginKind = "todo-tool" | "tracker" | "plan" | "prose";

export interface TruthTask {
  title: string;
  status: TaskStatus;
  source: TaskOriginKind;
}

export interface ExtractedTask {
  key: string;
  title: string;
  status: TaskStatus;
  source: TaskOriginKind;
}

export interface QualityScore {
  extracted: number;
  truth: number;
  matched: number;
  /** Matched pairs whose extracted status is the truth's end-of-session status. */
  statusAgreed: number;
  /** Unmatched extracted tasks as close to an already matched truth task as a match would be: one task told twice. */
  duplicates: number;
  precision: number | null;
  recall: number | null;
  statusAgreement: number | null;
  /** Extracted tasks and matched ones, per origin. */
  byOrigin: Partial<Record<TaskOriginKind, { extracted: number; matched: number }>>;
  pairs: { truth: string; extracted: string; similarity: number; statusTruth: TaskStatus; statusExtracted: TaskStatus }[];
  unmatchedExtracted: string[];
  unmatchedTruth: string[];
}

/** Two titles at least this similar name the same task. */
export const MATCH_THRESHOLD = 0.5;

const SOURCE_ORIGIN: Record<string, TaskOriginKind> = {
  "task-tool": "todo-tool",
  prose: "prose",
  // A compaction summary is the model's prose about the session; its tasks are judged as prose.
  compaction: "prose",
  plan: "plan",
  tracker: "tracker",
};

/** The tasks the Store would hold after applying the intents in order: lists replace their chain's items, upserts merge. */
export function extractedTasks(x: Extraction): ExtractedTask[] {
  const tasks = new Map<string, ExtractedTask>();
  const listed = new Map<string, Set<string>>(); // chain → keys of its latest list
  for (const i of x.intents) {
    if (i.type === "list") listTasks(i, tasks, listed);
    else if (i.type === "upsert") upsertTask(i, tasks);
  }
  return [...tasks.values()].filter((t) => t.title);
}

function listTasks(i: Extract<TaskIntent, { type: "list" }>, tasks: Map<string, ExtractedTask>, listed: Map<string, Set<string>>) {
  const keys = new Set(i.items.map((it) => it.externalKey));
  for (const key of listed.get(i.origin.chain) ?? []) {
    const t = tasks.get(key);
    if (t && !keys.has(key) && isOpen(t.status)) t.status = "cancelled";
  }
  listed.set(i.origin.chain, keys);
  for (const it of i.items) tasks.set(it.externalKey, { key: it.externalKey, title: it.title, status: it.status, source: "todo-tool" });
}

function upsertTask(i: Extract<TaskIntent, { type: "upsert" }>, tasks: Map<string, ExtractedTask>) {
  const t = tasks.get(i.externalKey) ?? { key: i.externalKey, title: "", status: "todo" as TaskStatus, source: SOURCE_ORIGIN[i.source] ?? "prose" };
  if (i.title) t.title = i.title;
  if (i.status) t.status = i.status;
  tasks.set(i.externalKey, t);
}

const STOP = new Set("a an the to of in on for and or with from by our its this that it be as at into".split(" "));

/** Content words of a title, lower-cased and lightly stemmed, so "Adding tests" and "add test" meet. */
export function titleWords(title: string): Set<string> {
  const words = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((w) => w && !STOP.has(w))
    .map((w) => (w.length > 4 ? w.replace(/(ing|ed|es|s)$/, "") : w));
  return new Set(words);
}

/** Dice coefficient of the two titles' content words, 0..1. */
export function titleSimilarity(a: string, b: string): number {
  const x = titleWords(a);
  const y = titleWords(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size);
}

/** A truth file: test/fixtures/claude/truth/<name>.json. */
export interface Truth {
  transcript: string;
  tasks: TruthTask[];
}

/** Extracts a whole transcript and scores the tasks it leaves against the truth. */
export function scoreTranscript(text: string, truth: Truth): QualityScore {
  return scoreExtraction(extractedTasks(extractTranscript(text)), truth.tasks);
}

const ratio = (n: number, d: number) => (d ? n / d : null);

/** One-to-one matching, most similar pairs first; precision, recall and status agreement over it. */
export function scoreExtraction(extracted: ExtractedTask[], truth: TruthTask[]): QualityScore {
  const candidates: { e: number; t: number; s: number }[] = [];
  extracted.forEach((e, ei) =>
    truth.forEach((t, ti) => {
      const s = titleSimilarity(e.title, t.title);
      if (s >= MATCH_THRESHOLD) candidates.push({ e: ei, t: ti, s });
    }),
  );
  candidates.sort((p, q) => q.s - p.s || p.e - q.e || p.t - q.t);
  const eTaken = new Set<number>();
  const tTaken = new Set<number>();
  const pairs: QualityScore["pairs"] = [];
  for (const c of candidates) {
    if (eTaken.has(c.e) || tTaken.has(c.t)) continue;
    eTaken.add(c.e);
    tTaken.add(c.t);
    const e = extracted[c.e];
    const t = truth[c.t];
    pairs.push({ truth: t.title, extracted: e.title, similarity: Math.round(c.s * 100) / 100, statusTruth: t.status, statusExtracted: e.status });
  }
  const duplicates = new Set(candidates.filter((c) => !eTaken.has(c.e) && tTaken.has(c.t)).map((c) => c.e)).size;
  const byOrigin: QualityScore["byOrigin"] = {};
  extracted.forEach((e, i) => {
    const o = (byOrigin[e.source] ??= { extracted: 0, matched: 0 });
    o.extracted++;
    if (eTaken.has(i)) o.matched++;
  });
  const statusAgreed = pairs.filter((p) => p.statusTruth === p.statusExtracted).length;
  return {
    extracted: extracted.length,
    truth: truth.length,
    matched: pairs.length,
    statusAgreed,
    duplicates,
    precision: ratio(pairs.length, extracted.length),
    recall: ratio(pairs.length, truth.length),
    statusAgreement: ratio(statusAgreed, pairs.length),
    byOrigin,
    pairs,
    unmatchedExtracted: extracted.filter((_, i) => !eTaken.has(i)).map((e) => e.title),
    unmatchedTruth: truth.filter((_, i) => !tTaken.has(i)).map((t) => t.title),
  };
}

/** Sums of several sessions' scores, the ratios taken over the sums (each task weighs the same). */
export function totalScore(scores: QualityScore[]): Omit<QualityScore, "pairs" | "unmatchedExtracted" | "unmatchedTruth"> {
  const sum = (f: (s: QualityScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const extracted = sum((s) => s.extracted);
  const truth = sum((s) => s.truth);
  const matched = sum((s) => s.matched);
  const statusAgreed = sum((s) => s.statusAgreed);
  const byOrigin: QualityScore["byOrigin"] = {};
  for (const s of scores)
    for (const [k, v] of Object.entries(s.byOrigin) as [TaskOriginKind, { extracted: number; matched: number }][]) {
      const o = (byOrigin[k] ??= { extracted: 0, matched: 0 });
      o.extracted += v.extracted;
      o.matched += v.matched;
    }
  return {
    extracted,
    truth,
    matched,
    statusAgreed,
    duplicates: sum((s) => s.duplicates),
    precision: ratio(matched, extracted),
    recall: ratio(matched, truth),
    statusAgreement: ratio(statusAgreed, matched),
    byOrigin,
  };
}
