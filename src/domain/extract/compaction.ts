// Compaction summaries: their "Pending Tasks", "Current Work" and "Optional Next Step" sections name open work.

import { beforeSpacedSeparator, capMessage, trimEndOf, trimStartOf } from "../limits";
import { capText, DESCRIPTION_MAX, normalizeTitle, type TaskStatus } from "../tasks";
import { dueFromText, priorityFromText } from "./metadata";
import type { IntentOrigin, TaskIntent } from "./types";

type Upsert = Extract<TaskIntent, { type: "upsert" }>;
type SectionName = "pending" | "current" | "next";

export const COMPACTION_TITLE_MAX = 120;
export const compactionKey = (sessionId: string, title: string) => `compaction:${sessionId}:${normalizeTitle(title)}`;

const SECTION_NAME = /^(pending tasks|current work|optional next steps?)/i;
const ITEM = /^(\s*)(?:[-*•]|\d+[.)])\s+(.+)$/;
const NONE = /^(none|n\/a|no (pending|open|remaining) tasks?)\b/i;
/** Pending items read from one summary, and identifiers read from each: bounds on the mention search. */
const MAX_PENDING = 50;
const MAX_REFS_PER_ITEM = 4;
/** Characters of "Current Work" / "Next Step" searched for a pending item's identifiers: it names them early. */
const MENTION_WINDOW_CHARS = 8_000;

/**
 * "## 7. **Pending Tasks**: text" → its section and the text after it. Markup is trimmed off in single passes:
 * the pattern this replaces (\s*(\*\*)?\s*:?\s*(\*\*)?\s*) backtracked cubically on a run of spaces.
 */
function readHeader(line: string): { name: SectionName; rest: string } | null {
  let t = trimStartOf(line, " \t\r#");
  const digits = trimStartOf(t, "0123456789");
  if (digits.length < t.length && (digits[0] === "." || digits[0] === ")")) t = digits.slice(1);
  t = trimStartOf(t, " \t\r*");
  const m = SECTION_NAME.exec(t);
  if (!m) return null;
  return { name: sectionName(m[1]), rest: trimStartOf(t.slice(m[0].length), " \t\r*:").trim() };
}

/** A numbered heading ends in a colon ("8. Current Work:"); a numbered item of a markdown section does not. */
function endsSection(line: string): boolean {
  if (/^#{1,6}\s/.test(line)) return true;
  const m = /^\d+[.)]\s/.exec(line);
  return !!m && line.trimEnd().endsWith(":");
}

interface PendingItem {
  key: string;
  title: string;
  refs: string[];
}

/** The tracker task (beads, Task Master) a summary line names by its leading id, and the line's words after it. */
export type TrackerKeyOf = (line: string) => { externalKey: string; title: string } | null;

/** Intents from one compaction summary: the pending tasks, which of them is current, and a next step. */
export function compactionIntents(summary: string, origin: IntentOrigin, tags: string[], trackerKeyOf?: TrackerKeyOf): Upsert[] {
  const sections = readSections(capMessage(summary));
  const byKey = new Map<string, Upsert>();
  const put = (i: Upsert) => byKey.set(i.externalKey, { ...byKey.get(i.externalKey), ...i });
  const pending: PendingItem[] = [];
  for (const item of topLevelItems(sections.pending ?? []).slice(0, MAX_PENDING)) {
    const task = pendingTask(item, origin, tags, trackerKeyOf);
    if (!task) continue;
    put(task);
    pending.push({ key: task.externalKey, title: task.title!, refs: refsOf(task.title!) });
  }
  const current = paragraph(sections.current);
  if (current) {
    const known = mentioned(current, pending);
    if (known) put({ ...byKey.get(known.key)!, status: "in_progress" });
    else {
      const task = sentenceTask(current, "in_progress", origin, tags);
      if (task) put(task);
    }
  }
  const next = paragraph(sections.next);
  // A next step that names a pending task is that task, already listed.
  if (next && !mentioned(next, pending)) {
    const task = sentenceTask(next, "todo", origin, tags);
    if (task) put(task);
  }
  return [...byKey.values()];
}

function readSections(summary: string): Partial<Record<SectionName, string[]>> {
  const out: Partial<Record<SectionName, string[]>> = {};
  let current: string[] | null = null;
  let indented: boolean | null = null;
  for (const line of summary.split("\n")) {
    const h = readHeader(line);
    if (h) {
      current = [];
      out[h.name] = current;
      indented = null;
      if (h.rest) current.push(h.rest);
      continue;
    }
    if (!current || !line.trim()) continue;
    indented ??= /^\s/.test(line);
    // A section ends at the next heading, or, when its body is indented, at the first unindented text (the closing note).
    const outdented = indented && !/^\s/.test(line) && !/^[-*•]\s/.test(line);
    if (endsSection(line) || outdented) current = null;
    else current.push(line);
  }
  return out;
}

function sectionName(header: string): SectionName {
  const h = header.toLowerCase();
  return h.startsWith("pending") ? "pending" : h.startsWith("current") ? "current" : "next";
}

function topLevelItems(lines: string[]): string[] {
  const items = lines.map((l) => ITEM.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  const indent = Math.min(...items.map((m) => m[1].length));
  return items.filter((m) => m[1].length === indent).map((m) => m[2].trim());
}

function paragraph(lines: string[] | undefined): string {
  return (lines ?? []).map((l) => l.trim()).filter(Boolean).join("\n");
}

/** The first "(…)" of a text, as /\(([^)]*)\)/ finds it, without rescanning from every "(". */
function statusHint(text: string): { start: number; end: number; hint: string } | null {
  const start = text.indexOf("(");
  const end = start < 0 ? -1 : text.indexOf(")", start + 1);
  return end < 0 ? null : { start, end: end + 1, hint: text.slice(start + 1, end).toLowerCase() };
}

/** "title (in progress) : note" → "title: note": the hint removed, and the spaces before the first such colon. */
function withoutHint(text: string, h: ReturnType<typeof statusHint>): string {
  const t = h ? text.slice(0, h.start) + text.slice(h.end) : text;
  for (let at = t.indexOf(":"); at > 0; at = t.indexOf(":", at + 1)) {
    if (!/\s/.test(t[at - 1])) continue;
    return t.slice(0, at).trimEnd() + t.slice(at);
  }
  return t;
}

function pendingTask(item: string, origin: IntentOrigin, tags: string[], trackerKeyOf?: TrackerKeyOf): Upsert | null {
  const plain = item.replace(/[`*_]/g, "");
  if (NONE.test(plain)) return null;
  const found = statusHint(plain);
  const hint = found?.hint ?? "";
  const status: TaskStatus = /in[ _-]?progress|started|ongoing/.test(hint)
    ? "in_progress"
    : /\b(done|completed)\b/.test(hint)
      ? "completed"
      : "todo";
  const title = titleOf(withoutHint(plain, found));
  if (!title) return null;
  // "X-dov.3: Fix the parser" is that tracker task, under its tracker key, not a new task of the summary.
  const tracked = trackerKeyOf?.(title);
  if (tracked) return { ...upsert(tracked.title || title, item, status, origin, tags), externalKey: tracked.externalKey, matchByTitle: false };
  return upsert(title, item, status, origin, tags);
}

function sentenceTask(text: string, status: TaskStatus, origin: IntentOrigin, tags: string[]): Upsert | null {
  const first = text.replace(/[`*_]/g, "").split(/\n|(?<=[.!?])\s+/)[0];
  const lead = first
    .replace(/^(immediately before (this|the) summary( request)?,?\s*)/i, "")
    .replace(/^(i was|i am|i'm|we were|currently|the current work (is|was))\s+(working on|in the middle of)?\s*/i, "")
    .replace(/^(working on|next step:?)\s*/i, "");
  const title = titleOf(lead);
  return title ? upsert(title, text, status, origin, tags) : null;
}

function titleOf(text: string): string | null {
  let t = trimEndOf(beforeSpacedSeparator(text, ["—", "–"]), ".:;,").replace(/^["']|["']$/g, "").trim();
  if (!normalizeTitle(t)) return null;
  // "spotter-gqc.6: ..." starts with an identifier, which keeps its case.
  if (/^[a-z]+\b(?![-.]\w)/.test(t)) t = t[0].toUpperCase() + t.slice(1);
  return capText(t, COMPACTION_TITLE_MAX);
}

function upsert(title: string, context: string, status: TaskStatus, origin: IntentOrigin, tags: string[]): Upsert {
  const intent: Upsert = {
    type: "upsert",
    origin,
    externalKey: compactionKey(origin.sessionId, title),
    source: "compaction",
    title,
    description: capText(context, DESCRIPTION_MAX),
    status,
    tags,
    matchByTitle: true,
  };
  const priority = priorityFromText(title);
  if (priority) intent.priority = priority;
  const due = dueFromText(title, origin.at || null);
  if (due) intent.dueAt = due;
  return intent;
}

/** Identifiers a text may use for a task: "spotter-gqc.6", its short form "gqc.6", "#12". */
export function refsOf(title: string): string[] {
  const refs = new Set<string>();
  // Runs of [\w.-] holding a digit, from their first word character (and a "#" just before it).
  for (const m of title.matchAll(/[\w.-]+/g)) {
    if (refs.size >= MAX_REFS_PER_ITEM) break;
    const run = m[0];
    if (!/\d/.test(run)) continue;
    const first = run.search(/\w/);
    const hash = first === 0 && m.index > 0 && title[m.index - 1] === "#" ? "#" : "";
    const ref = hash + trimEndOf(run.slice(first), ".-");
    if (ref.length < 2 || /^\d+$/.test(ref)) continue;
    refs.add(ref);
    const short = ref.split("-").slice(1).join("-");
    if (short && /\D/.test(short) && /\d/.test(short)) refs.add(short);
  }
  return [...refs];
}

/** The pending task a paragraph names first, by identifier, else by most of its title's words. */
function mentioned(paragraph: string, pending: PendingItem[]): PendingItem | null {
  const text = paragraph.slice(0, MENTION_WINDOW_CHARS);
  let best: PendingItem | null = null;
  let bestAt = Infinity;
  for (const p of pending) {
    for (const ref of p.refs) {
      const at = indexOfRef(text, ref);
      if (at >= 0 && at < bestAt) [best, bestAt] = [p, at];
    }
  }
  if (best) return best;
  const words = new Set(normalizeTitle(text).split(" "));
  return (
    pending.find((p) => {
      const own = normalizeTitle(p.title).split(" ").filter((w) => w.length > 2);
      return own.length > 1 && own.filter((w) => words.has(w)).length / own.length >= 2 / 3;
    }) ?? null
  );
}

/** Where `ref` first stands alone in `text`: not glued to [\w.-] before, nor to [\w-] or ".digit" after. */
export function indexOfRef(text: string, ref: string): number {
  const glued = (c: string | undefined) => !!c && /[\w-]/.test(c);
  for (let at = text.indexOf(ref); at >= 0; at = text.indexOf(ref, at + 1)) {
    const before = text[at - 1];
    const after = text[at + ref.length];
    if (glued(before) || before === ".") continue;
    if (glued(after) || (after === "." && /\d/.test(text[at + ref.length + 1] ?? ""))) continue;
    return at;
  }
  return -1;
}
