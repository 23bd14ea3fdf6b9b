// Task titles a person would write: short, imperative, plain text; session rituals and narration are not tasks.

import { capText, DESCRIPTION_MAX } from "../tasks";
import type { ListItem, TaskIntent } from "./types";

export const TITLE_MAX = 80;

// Every pattern here runs on a title already capped to TITLE_INPUT_MAX, and none can backtrack beyond linear time.
const TITLE_INPUT_MAX = 2_000;

/** "HUB-12 …", "HUB-12: …": a Jira/Linear-style key leading the title. */
const KEY_PREFIX = /^\[?([A-Z][A-Z0-9]*-\d+)\]?\s*(?::|-|–|—)?\s+/;
/** "spotter-gqc.6: …", "[X-dov.3] …": another tracker's id (beads and the like), only with a colon or brackets. */
const ID_PREFIX = /^(?:\[([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+(?:\.\d+)*)\]\s*:?|([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+(?:\.\d+)*):)\s+/;
/** Conventional-commit prefixes ("feat:", "chore(ci):") say what kind of change, not what to do. */
const COMMIT_PREFIX = /^(?:feat|chore|docs|refactor|perf|test|build|ci|style)(?:\([^)]{0,40}\))?!?:\s+/i;

/** Past or reported speech, and "nothing to do": a summary describing the session, not a task in it. */
const NARRATION =
  /^(?:no(?:ne| explicit| further| pending| remaining| next)\b|nothing\b|n\/a\b|user(?:'s)? (?:asked|said|wants|requested|most recent|message|request)|the user (?:asked|said|wants|wanted|requested)\b|the (?:most recent|last|current) (?:work|message|task)|i (?:was|am|have|had)\b|we (?:were|have|had)\b|(?:all|both|everything)\b[^.]{0,80}\b(?:has|have) been\b)/i;

/** Things every session does: testing, committing, pushing, opening the PR, closing the session. */
const RITUAL_CLAUSES: RegExp[] = [
  /^(?:re-?run|run|execute)(?: all| the| full| unit| integration| e2e| go| npm| our| existing)* (?:tests?|test suite|specs?|lint(?:er|ing)?|build|typecheck|type ?checks?|checks|format(?:ter|ting)?|fmt|ci|quality gates?)(?: (?:to|and) (?:verify|confirm|check|ensure|make sure)\b.*)?$/,
  /^(?:verify|ensure|confirm|check|make sure)(?: that)?(?: all)?(?: the)? (?:tests?|build|lint|ci|checks)(?: still)? (?:pass(?:es)?|are passing|is green|are green|green|succeeds?|works?)\b.*$/,
  /^(?:git )?(?:commit|push|stage|sync)(?: (?:the|all|our|my))?(?: (?:changes|work|everything|code|it|beads|files))?(?: to (?:remote|origin|main|github|the remote))?$/,
  /^(?:create|open|make|submit|raise)(?: a| the)? (?:pr|pull request)$/,
  /^(?:close|end|wrap up|finish)(?: out)?(?: the| this)? session$/,
  /\bsession (?:close|end|closing|wrap[- ]up) (?:protocol|checklist|ritual)\b/,
  /^(?:land the plane|bd sync|sync beads)$/,
];

/** "Run tests and lint": what follows a ritual clause may be a bare noun of the same ritual. */
const RITUAL_NOUN = /^(?:the |all )?(?:tests?|lint(?:er|ing)?|build|typecheck|format(?:ting)?|fmt|checks|push|commit|pr|pull request)$/;

/** Words that carry no object: "Fix that along the way", "Fix all 5" say nothing once the session is gone. */
const EMPTY_OBJECT = new Set(
  "it this that these those them all both everything the a an way along too also as well now again please here there one ones same thing things stuff".split(" "),
);

/** Gerunds a summary writes ("Fixing the build") and the imperative a person would ("Fix the build"). */
const GERUND_BASE: Record<string, string> = Object.fromEntries(
  ("add adding|fix fixing|implement implementing|update updating|create creating|write writing|make making|remove removing|" +
    "refactor refactoring|build building|test testing|investigate investigating|debug debugging|migrate migrating|" +
    "move moving|rename renaming|replace replacing|improve improving|review reviewing|document documenting|" +
    "configure configuring|set setting|run running|wire wiring|integrate integrating|convert converting|resolve resolving|" +
    "handle handling|support supporting|change changing|delete deleting|clean cleaning|extract extracting|apply applying|" +
    "enable enabling|disable disabling|finish finishing|complete completing|design designing|deploy deploying|rewrite rewriting|" +
    "generate generating|parse parsing|validate validating|introduce introducing|expose exposing|simplify simplifying")
    .split("|")
    .map((pair) => pair.split(" ").reverse() as [string, string]),
);

/** What a clause is, in lower case and plain words: the form the ritual patterns read. */
const plain = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9'&,\- ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

export function isRitual(title: string): boolean {
  const clauses = plain(title.slice(0, TITLE_INPUT_MAX))
    .split(/ ?[,&] ?(?:and then |and |then )?| (?:and then|and|then) /)
    .map((c) => c.trim())
    .filter(Boolean);
  return clauses.length > 0 && clauses.every((c, i) => RITUAL_CLAUSES.some((r) => r.test(c)) || (i > 0 && RITUAL_NOUN.test(c)));
}

export function isNarration(title: string): boolean {
  return NARRATION.test(title.trim().slice(0, TITLE_INPUT_MAX));
}

/** A verb followed only by pronouns, fillers and numbers: the task's object lives in an earlier message. */
export function lacksObject(title: string): boolean {
  const words = plain(title.slice(0, TITLE_INPUT_MAX)).replace(/[&,]/g, " ").split(/\s+/).filter(Boolean);
  // A one-word title ("Refactor") is terse, not empty.
  return words.length > 1 && words.slice(1).every((w) => EMPTY_OBJECT.has(w) || /^\d+$/.test(w));
}

export interface CleanTitle {
  title: string;
  /** The text before it was shortened, when it was. */
  full: string | null;
  /** A tracker id that led the title. */
  trackerId: string | null;
}

/** Plain text, no tracker or commit prefix, imperative, at most TITLE_MAX characters cut at a clause or word boundary. */
export function cleanTitle(raw: string): CleanTitle {
  let t = raw
    .slice(0, TITLE_INPUT_MAX)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // markdown links keep their text
    .replace(/`+/g, "")
    // Emphasis marks touch a space or the ends; inside a word (snake_case, AGI-*) they are the word.
    .replace(/(^|[\s(])[*_~]+(?=\S)|(?<=[\w).!?])[*_~]+(?=$|[\s),.:;!?])/g, "$1")
    .replace(/^\s*(?:#+|[-+•]|\d+[.)])\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
  let trackerId: string | null = null;
  const key = KEY_PREFIX.exec(t);
  const id = key ? null : ID_PREFIX.exec(t);
  const tracker = key ? key[1] : id ? (id[1] ?? id[2]) : null;
  // An id must hold a digit ("utf-8" is no tracker's, nor is "auto-assign:"); and a title must be left.
  if (tracker && /\d/.test(tracker) && (key ?? id)![0].length < t.length) {
    trackerId = tracker;
    t = t.slice((key ?? id)![0].length);
  }
  t = t.replace(COMMIT_PREFIX, "");
  t = stripStrayQuotes(t).replace(/[\s:;,.]+$/, "");
  t = imperative(t);
  if (t) t = t[0].toUpperCase() + t.slice(1);
  if (t.length <= TITLE_MAX) return { title: t, full: null, trackerId };
  return { title: cut(t, TITLE_MAX), full: t, trackerId };
}

/** Quotes that wrap the whole title go; an opening quote without its closing one (a cut quotation) goes. */
function stripStrayQuotes(t: string): string {
  let s = t.replace(/^["'“‘]+(.*?)["'”’]+$/, "$1");
  for (const [open, close] of [["\u201c", "\u201d"], ["\u2018", "\u2019"]]) {
    if (s.split(open).length !== s.split(close).length) s = s.split(open).join("").split(close).join("");
  }
  if ((s.match(/"/g) ?? []).length % 2 === 1) s = s.replace(/"/g, "");
  return s.trim();
}

function imperative(t: string): string {
  const m = /^([A-Za-z]+)(\b.*)$/.exec(t);
  const base = m && GERUND_BASE[m[1].toLowerCase()];
  return base ? base + m[2] : t;
}

/** The longest head of t within max that ends at a clause boundary, else at a word boundary; never mid-word. */
function cut(t: string, max: number): string {
  const head = t.slice(0, max + 1);
  let clause = -1;
  const boundary = /[,;:]\s|\s[—–-]\s|\s\(|\s(?:and|so that|because|which|where|when|to|for|with|by|in|on)\s/g;
  for (let m = boundary.exec(head); m; m = boundary.exec(head)) if (m.index <= max && m.index >= max / 2) clause = m.index;
  const end = clause > 0 ? clause : head.lastIndexOf(" ", max);
  return t.slice(0, end > 0 ? end : max).replace(/[\s:;,.—–-]+$/, "");
}

type Upsert = Extract<TaskIntent, { type: "upsert" }>;
type List = Extract<TaskIntent, { type: "list" }>;

/** Applies the title rules to a transcript's intents as they are read, remembering the tasks it left out. */
export class TitleRules {
  private dropped = new Set<string>();

  apply(intents: TaskIntent[]): TaskIntent[] {
    const out: TaskIntent[] = [];
    for (const i of intents) {
      const kept = i.type === "upsert" ? this.upsert(i) : i.type === "list" ? this.list(i) : i.type === "depend" ? this.depend(i) : i;
      if (kept) out.push(kept);
    }
    return out;
  }

  private keep(raw: string, key: string, source: string): CleanTitle | null {
    const c = cleanTitle(raw);
    // A model's summary narrates; a person's list or a tool call names the task even when terse.
    const drop = !c.title || isRitual(c.title) || lacksObject(c.title) || (source !== "task-tool" && source !== "list" && isNarration(raw));
    if (drop) this.dropped.add(key);
    return drop ? null : c;
  }

  private upsert(i: Upsert): Upsert | null {
    if (this.dropped.has(i.externalKey)) return null;
    if (!i.title) return i;
    const c = this.keep(i.title, i.externalKey, i.source);
    if (!c) return null;
    const out: Upsert = { ...i, title: c.title };
    if (c.trackerId && !out.tags.includes(`tracker:${c.trackerId}`)) out.tags = [...out.tags, `tracker:${c.trackerId}`];
    if (c.full && !i.description?.includes(c.full)) out.description = capText(i.description ? `${c.full}\n\n${i.description}` : c.full, DESCRIPTION_MAX);
    return out;
  }

  private list(i: List): List {
    const items: ListItem[] = [];
    for (const it of i.items) {
      const c = this.keep(it.title, it.externalKey, "list");
      if (c) items.push({ ...it, title: c.title });
    }
    return { ...i, items };
  }

  private depend(i: Extract<TaskIntent, { type: "depend" }>): TaskIntent | null {
    return this.dropped.has(i.externalKey) || this.dropped.has(i.dependsOnExternalKey) ? null : i;
  }
}
