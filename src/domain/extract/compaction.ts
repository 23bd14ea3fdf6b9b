// Compaction summaries: their "Pending Tasks", "Current Work" and "Optional Next Step" sections name open work.

import { capText, DESCRIPTION_MAX, normalizeTitle, type TaskStatus } from "../tasks";
import { dueFromText, priorityFromText } from "./metadata";
import type { IntentOrigin, TaskIntent } from "./types";

type Upsert = Extract<TaskIntent, { type: "upsert" }>;
type SectionName = "pending" | "current" | "next";

export const COMPACTION_TITLE_MAX = 120;
export const compactionKey = (sessionId: string, title: string) => `compaction:${sessionId}:${normalizeTitle(title)}`;

const HEADER =
  /^\s*(?:#{1,6}\s*)?(?:\d+[.)]\s*)?(?:\*\*)?\s*(pending tasks|current work|optional next steps?)\s*(?:\*\*)?\s*:?\s*(?:\*\*)?\s*(.*)$/i;
const ITEM = /^(\s*)(?:[-*•]|\d+[.)])\s+(.+)$/;
const NONE = /^(none|n\/a|no (pending|open|remaining) tasks?)\b/i;

interface PendingItem {
  key: string;
  title: string;
  refs: string[];
}

/** Intents from one compaction summary: the pending tasks, which of them is current, and a next step. */
export function compactionIntents(summary: string, origin: IntentOrigin, tags: string[]): Upsert[] {
  const sections = readSections(summary);
  const byKey = new Map<string, Upsert>();
  const put = (i: Upsert) => byKey.set(i.externalKey, { ...byKey.get(i.externalKey), ...i });
  const pending: PendingItem[] = [];
  for (const item of topLevelItems(sections.pending ?? [])) {
    const task = pendingTask(item, origin, tags);
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
    const h = HEADER.exec(line);
    if (h) {
      current = [];
      out[sectionName(h[1])] = current;
      indented = null;
      if (h[2].trim()) current.push(h[2].trim());
      continue;
    }
    if (!current || !line.trim()) continue;
    indented ??= /^\s/.test(line);
    // A section ends at the next heading, or, when its body is indented, at the first unindented text (the closing note).
    const outdented = indented && !/^\s/.test(line) && !/^[-*•]\s/.test(line);
    // Numbered headings end in a colon ("8. Current Work:"); numbered items of a markdown section do not.
    if (/^(#{1,6}\s|\d+[.)]\s+.*:\s*$)/.test(line) || outdented) current = null;
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

const STATUS_HINT = /\(([^)]*)\)/;

function pendingTask(item: string, origin: IntentOrigin, tags: string[]): Upsert | null {
  const plain = item.replace(/[`*_]/g, "");
  if (NONE.test(plain)) return null;
  const hint = STATUS_HINT.exec(plain)?.[1].toLowerCase() ?? "";
  const status: TaskStatus = /in[ _-]?progress|started|ongoing/.test(hint)
    ? "in_progress"
    : /\b(done|completed)\b/.test(hint)
      ? "completed"
      : "todo";
  const title = titleOf(plain.replace(STATUS_HINT, "").replace(/\s+:/, ":"));
  return title ? upsert(title, item, status, origin, tags) : null;
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
  let t = text.split(/\s+[—–]\s+/)[0].replace(/[.:;,]+$/, "").replace(/^["']|["']$/g, "").trim();
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
function refsOf(title: string): string[] {
  const refs = new Set<string>();
  for (const m of title.matchAll(/#?\b[\w.-]*\d[\w.-]*/g)) {
    const ref = m[0].replace(/[.-]+$/, "");
    if (ref.length < 2 || /^\d+$/.test(ref)) continue;
    refs.add(ref);
    const short = ref.split("-").slice(1).join("-");
    if (short && /\D/.test(short) && /\d/.test(short)) refs.add(short);
  }
  return [...refs];
}

/** The pending task a paragraph names first, by identifier, else by most of its title's words. */
function mentioned(text: string, pending: PendingItem[]): PendingItem | null {
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

function indexOfRef(text: string, ref: string): number {
  const escaped = ref.replace(/[.*+?^${}()|[\]\\#]/g, "\\$&");
  const m = new RegExp(`(?<![\\w.-])${escaped}(?![\\w-]|\\.\\d)`).exec(text);
  return m ? m.index : -1;
}
