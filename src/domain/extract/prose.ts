// Prose: explicit requests a person types, and the follow-ups an assistant lists at the end of a turn.

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
  return text
    .replace(/<([A-Za-z][\w-]*)(\s[^>]*)?>[\s\S]*?<\/\1>/g, "\n")
    .replace(/```[\s\S]*?(```|$)/g, "\n")
    .replace(/^(?: {4}|\t|>).*$/gm, "");
}

/** Requests in one user prompt: "I need to ...", "TODO: ...", "let's also ...", "please add ...", "can you ...". */
export function requestIntents(prompt: string, origin: IntentOrigin, tags: string[]): Upsert[] {
  const text = typedText(prompt);
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
  let t = clause
    .split(/\s+(?:so that|because|since|in order to)\s+|[?!]|\.(?:\s|$)|;|,\s*(?:so|because|and then|thanks|thank you)\b/i)[0]
    .replace(/[\s,]*(please|thanks|thank you)\s*$/i, "")
    .replace(/[`*_]/g, "")
    .trim();
  if (!normalizeTitle(t)) return null;
  t = t[0].toUpperCase() + t.slice(1);
  return capText(t, PROSE_TITLE_MAX);
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

const NEXT_STEPS =
  /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:suggested |recommended |possible |remaining )?(?:next steps?|follow[- ]ups?|remaining (?:work|tasks)|still to do)\s*(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*$/i;
const ITEM = /^(\s*)(?:[-*+•]|\d+[.)])\s+(.+)$/;
const MAX_ITEMS = 10;

/** Items under a "Next steps:" heading in an assistant's last message of a turn. */
export function nextStepIntents(message: string, origin: IntentOrigin, tags: string[]): Upsert[] {
  const lines = message.replace(/```[\s\S]*?(```|$)/g, "\n").split("\n");
  const out: Upsert[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!NEXT_STEPS.test(lines[i])) continue;
    const items = listAfter(lines, i + 1);
    // A long list under the heading is a plan or a changelog, not a few follow-ups.
    if (items.length > MAX_ITEMS) continue;
    for (const item of items) {
      const title = stepTitle(item);
      if (title) out.push(proseIntent(title, item, origin, tags));
    }
  }
  return dedupe(out);
}

function listAfter(lines: string[], from: number): string[] {
  const items: string[] = [];
  let indent = -1;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) {
      if (items.length) break;
      continue;
    }
    const m = ITEM.exec(line);
    if (!m) {
      if (items.length && /^\s+/.test(line)) continue; // a wrapped item
      break;
    }
    if (indent < 0) indent = m[1].length;
    if (m[1].length === indent) items.push(m[2]);
    else if (m[1].length < indent) break;
  }
  return items;
}

function stepTitle(item: string): string | null {
  if (/^\[[xX]\]/.test(item)) return null; // already done
  let t = item
    .replace(/^\[ \]\s*/, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/[`*_]/g, "")
    .trim();
  if (/\?$/.test(t) || /^(let me know|if you|would you|want me|shall i)\b/i.test(t)) return null;
  t = t.split(/\s+[—–]\s+/)[0];
  const colon = t.indexOf(": ");
  if (colon > 0 && t.slice(0, colon).trim().split(/\s+/).length >= 2) t = t.slice(0, colon);
  t = t.replace(/[.:;,]+$/, "").trim();
  if (t.split(/\s+/).length < 2) return null;
  return capText(t[0].toUpperCase() + t.slice(1), PROSE_TITLE_MAX);
}
