// Prose: explicit requests a person types, and the follow-ups an assistant lists at the end of a turn.

import { beforeSpacedSeparator, capMessage, trimEndOf, trimStartOf } from "../limits";
import { capText, DESCRIPTION_MAX, normalizeTitle } from "../tasks";
import { dueFromText, priorityFromText } from "./metadata";
import type { IntentOrigin, TaskIntent } from "./types";

type Upsert = Extract<TaskIntent, { type: "upsert" }>;

export const PROSE_TITLE_MAX = 120;
export const proseKey = (sessionId: string, title: string) => `prose:${sessionId}:${normalizeTitle(title)}`;

// Verbs that name work to be done later; "check", "run", "show", "explain" name something to do right now.
const WORK_VERBS = new Set(
  ("add implement fix create write build refactor update remove delete drop migrate support setup configure document " +
    "investigate handle rename move improve optimize optimise deploy release upgrade bump integrate replace cleanup " +
    "rewrite port convert extract split merge enable disable introduce expose validate make change allow prevent " +
    "ensure cache paginate translate localize localise design wire hook track log monitor automate publish finish complete")
    .split(" "),
);
const PHRASAL = /^(set up|clean up|look into|get rid of|hook up|wire up)\b/i;
const VAGUE = new Set(["it", "this", "that", "these", "those", "them", "the", "one", "there", "thing", "stuff", "sure"]);

const REQUEST_PATTERNS: RegExp[] = [
  /\b(?:i|we)\s+(?:really\s+|also\s+|still\s+)?(?:need|want|would like|'d like|have)\s+(?:you\s+)?to\s+(?:also\s+)?(.+)/i,
  /\blet'?s\s+(?:also\s+)?(.+)/i,
  /\bplease\s+(?:also\s+)?(.+)/i,
  /\b(?:can|could|would)\s+(?:you|we)\s+(?:please\s+)?(?:also\s+)?(.+)/i,
];
const TODO_PATTERN = /^(?:[-*]\s*)?(?:TODO|FIXME)\s*[:\-–]\s*(.+)/;

/** Text a person typed, or null for what only looks like it: commands, wrappers, notices, hook output. */
export function typedText(text: string): string | null {
  // Slash commands are recorded inside <command-name> wrappers; their output inside <local-command-stdout>.
  if (/^\s*(\/|<command-|<local-command-|<task-notification>|<bash-)/.test(text)) return null;
  const t = stripNonProse(text).trim();
  if (!t || t.startsWith("<") || t.startsWith("[Request interrupted")) return null;
  if (/^(Caveat:|This session is being continued|\S+ hook (feedback|error)|Stop hook feedback)/i.test(t)) return null;
  return t;
}

/** Code, quotes, indented output and tagged blocks (system reminders, hook output) are not the person speaking. */
function stripNonProse(text: string): string {
  return stripTaggedBlocks(text)
    .replace(/```[\s\S]*?(```|$)/g, "\n")
    .replace(/^(?: {4}|\t|>).*$/gm, "");
}

/** Requests in one user prompt: "I need to ...", "TODO: ...", "let's also ...", "please add ...", "can you ...". */
export function requestIntents(prompt: string, origin: IntentOrigin, tags: string[]): Upsert[] {
  const text = typedText(capMessage(prompt));
  if (!text) return [];
  const out: Upsert[] = [];
  for (const sentence of sentences(text.slice(0, 4000))) {
    const title = requestTitle(sentence);
    if (title) out.push(proseIntent(title, sentence, origin, tags));
  }
  return dedupe(out);
}

function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 3);
}

function requestTitle(sentence: string): string | null {
  const todo = TODO_PATTERN.exec(sentence);
  if (todo) return cleanTitle(todo[1]);
  for (const p of REQUEST_PATTERNS) {
    const m = p.exec(sentence);
    if (m && isWork(m[1])) return cleanTitle(m[1]);
  }
  return null;
}

function isWork(clause: string): boolean {
  const words = clause.toLowerCase().replace(/[^a-z' ]+/g, " ").trim().split(/\s+/);
  const phrasal = PHRASAL.test(clause);
  if (!phrasal && !WORK_VERBS.has(words[0])) return false;
  if (words[0] === "make" && words[1] === "sure") return false;
  // "fix it", "add this": the object lives in an earlier message and the title would say nothing.
  const object = words.slice(phrasal ? 2 : 1).filter((w) => !VAGUE.has(w));
  return object.length > 0;
}

function cleanTitle(clause: string): string | null {
  // Runs of whitespace become one space first, so the separators below are tried once per gap, not once per space.
  let t = withoutPoliteEnding(
    clause.replace(/\s+/g, " ").split(/ (?:so that|because|since|in order to) |[?!]|\.(?: |$)|;|, ?(?:so|because|and then|thanks|thank you)\b/i)[0],
  )
    .replace(/[`*_]/g, "")
    .trim();
  if (!normalizeTitle(t)) return null;
  t = t[0].toUpperCase() + t.slice(1);
  return capText(t, PROSE_TITLE_MAX);
}

const POLITE_ENDINGS = ["please", "thanks", "thank you"];

/** "..., thanks" and "... please" lose their last word (and the commas and spaces before it). */
function withoutPoliteEnding(text: string): string {
  const t = text.trimEnd();
  const lower = t.toLowerCase();
  const ending = POLITE_ENDINGS.find((w) => lower.endsWith(w));
  return ending ? trimEndOf(t.slice(0, t.length - ending.length), " ,") : t;
}

export function proseIntent(title: string, context: string, origin: IntentOrigin, tags: string[]): Upsert {
  const intent: Upsert = {
    type: "upsert",
    origin,
    externalKey: proseKey(origin.sessionId, title),
    source: "prose",
    title,
    status: "todo",
    tags,
    matchByTitle: true,
  };
  if (context.trim() !== title) intent.description = capText(context, DESCRIPTION_MAX);
  const priority = priorityFromText(context);
  if (priority) intent.priority = priority;
  const due = dueFromText(context, origin.at || null);
  if (due) intent.dueAt = due;
  return intent;
}

function dedupe(intents: Upsert[]): Upsert[] {
  const seen = new Set<string>();
  return intents.filter((i) => !seen.has(i.externalKey) && seen.add(i.externalKey));
}

// The heading's words alone, once markup is trimmed off both ends (see headingWords).
const NEXT_STEPS = /^(?:suggested |recommended |possible |remaining )?(?:next steps?|follow[- ]ups?|remaining (?:work|tasks)|still to do)$/i;
const ITEM = /^(\s*)(?:[-*+•]|\d+[.)])\s+(.+)$/;
const MAX_ITEMS = 10;

/**
 * A heading line's words without "#", "**", "__", ":" and spaces around them, trimmed in one pass from
 * each end: a pattern of adjacent optional parts (\s*(\*\*)?\s*:?\s*) backtracks cubically on a run of spaces.
 */
export function headingWords(line: string): string {
  return trimEndOf(trimStartOf(line, " \t\r#*_"), " \t\r*_:");
}

/** Items under a "Next steps:" heading in an assistant's last message of a turn. */
export function nextStepIntents(message: string, origin: IntentOrigin, tags: string[]): Upsert[] {
  const lines = capMessage(message).replace(/```[\s\S]*?(```|$)/g, "\n").split("\n");
  const out: Upsert[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!NEXT_STEPS.test(headingWords(lines[i]))) continue;
    const { items, end } = listAfter(lines, i + 1);
    // The list is read once: a heading inside it (an indented "next steps") does not start another read.
    i = end - 1;
    // A long list under the heading is a plan or a changelog, not a few follow-ups.
    if (items.length > MAX_ITEMS) continue;
    for (const item of items) {
      const title = stepTitle(item);
      if (title) out.push(proseIntent(title, item, origin, tags));
    }
  }
  return dedupe(out);
}

function listAfter(lines: string[], from: number): { items: string[]; end: number } {
  const items: string[] = [];
  let indent = -1;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) {
      if (items.length) break;
      continue;
    }
    const m = ITEM.exec(line);
    if (!m) {
      if (items.length && /^\s/.test(line)) continue; // a wrapped item
      break;
    }
    if (indent < 0) indent = m[1].length;
    if (m[1].length === indent) items.push(m[2]);
    else if (m[1].length < indent) break;
  }
  return { items, end: Math.max(i, from) };
}

function stepTitle(item: string): string | null {
  if (/^\[[xX]\]/.test(item)) return null; // already done
  let t = linkTexts(item.replace(/^\[ \]\s*/, ""))
    .replace(/[`*_]/g, "")
    .trim();
  if (/\?$/.test(t) || /^(let me know|if you|would you|want me|shall i)\b/i.test(t)) return null;
  t = beforeSpacedSeparator(t, ["—", "–"]);
  const colon = t.indexOf(": ");
  if (colon > 0 && t.slice(0, colon).trim().split(/\s+/).length >= 2) t = t.slice(0, colon);
  t = trimEndOf(t, ".:;,").trim();
  if (t.split(/\s+/).length < 2) return null;
  return capText(t[0].toUpperCase() + t.slice(1), PROSE_TITLE_MAX);
}

/** Markdown links `[text](url)` as their text, scanned once (a pattern retried from every "[" is quadratic). */
function linkTexts(text: string): string {
  let out = "";
  let from = 0;
  let open = text.indexOf("[");
  while (open >= 0) {
    // As /\[([^\]]+)\]\([^)]*\)/ reads it: the first "]" after "[" ends the text, and "(" must follow at once.
    const close = text.indexOf("]", open + 1);
    if (close < 0) break;
    if (close > open + 1 && text[close + 1] === "(") {
      const end = text.indexOf(")", close + 2);
      if (end < 0) break;
      out += text.slice(from, open) + text.slice(open + 1, close);
      from = end + 1;
      open = text.indexOf("[", from);
    } else open = text.indexOf("[", close + 1); // every "[" before this "]" fails the same way
  }
  return out + text.slice(from);
}

/**
 * Tagged blocks (`<name attrs>…</name>`) replaced by a newline, as /<([A-Za-z][\w-]*)(\s[^>]*)?>[\s\S]*?<\/\1>/g
 * did; that pattern rescans to the end from every unclosed "<a", so the closing tags are indexed once instead.
 */
export function stripTaggedBlocks(text: string): string {
  const closes = closingTags(text);
  if (!closes.size) return text;
  const seen = new Map<string, number>();
  let gtAt = -2; // the first ">" after the last place asked; -2: not asked yet, -1: none
  let out = "";
  let from = 0;
  for (let i = text.indexOf("<"); i >= 0; ) {
    const name = tagName(text, i + 1);
    let tagEnd = -1;
    if (name) {
      const after = i + 1 + name.length;
      if (text[after] === ">") tagEnd = after + 1;
      else if (/\s/.test(text[after] ?? "")) {
        // The first ">" after `after`, remembered: every later "<" asks from further on.
        if (gtAt === -2 || (gtAt >= 0 && gtAt < after)) gtAt = text.indexOf(">", after);
        tagEnd = gtAt < 0 ? -1 : gtAt + 1;
      }
    }
    const close = tagEnd < 0 ? -1 : nextClose(closes, seen, name!, tagEnd);
    if (close < 0) {
      i = text.indexOf("<", i + 1);
      continue;
    }
    out += text.slice(from, i) + "\n";
    from = close + name!.length + 3;
    i = text.indexOf("<", from);
  }
  return out + text.slice(from);
}

const isNameStart = (c: string | undefined) => !!c && ((c >= "A" && c <= "Z") || (c >= "a" && c <= "z"));
const isNameChar = (c: string | undefined) => !!c && (isNameStart(c) || (c >= "0" && c <= "9") || c === "_" || c === "-");

function tagName(text: string, at: number): string | null {
  if (!isNameStart(text[at])) return null;
  let end = at + 1;
  while (isNameChar(text[end])) end++;
  return text.slice(at, end);
}

/** Where each `</name>` starts, by name, in order. */
function closingTags(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = text.indexOf("</"); i >= 0; i = text.indexOf("</", i + 2)) {
    const name = tagName(text, i + 2);
    if (!name || text[i + 2 + name.length] !== ">") continue;
    const list = out.get(name);
    if (list) list.push(i);
    else out.set(name, [i]);
  }
  return out;
}

/** The first `</name>` at or after `from`; each name's cursor only moves forward, as `from` does. */
function nextClose(closes: Map<string, number[]>, seen: Map<string, number>, name: string, from: number): number {
  const list = closes.get(name);
  if (!list) return -1;
  let k = seen.get(name) ?? 0;
  while (k < list.length && list[k] < from) k++;
  seen.set(name, k);
  return k < list.length ? list[k] : -1;
}
