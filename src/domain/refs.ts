// Magic words: reads task keys, GitHub issue refs and Jira smart commands out of commit messages, PR text and branch names.

export type Ref =
  | { kind: "task"; key: string }
  | { kind: "issue"; owner: string | null; repo: string | null; number: number };

export type SmartCommand =
  | { type: "comment"; key: string; text: string }
  | { type: "time"; key: string; minutes: number }
  | { type: "transition"; key: string; to: "completed" | "in_progress" | "review" };

/** Deduplicated; a ref that is closed is not also in `links`. Lists keep first-mention order. */
export interface Intent {
  closes: Ref[];
  links: Ref[];
  commands: SmartCommand[];
}

export interface RefOptions {
  /** Project keys the hub knows. When given, only keys of these projects count (in any case). */
  projectKeys?: string[];
}

/** Only this much of a message is read: the text is untrusted and may be huge. */
export const TEXT_LIMIT = 64 * 1024;
/** Keys times commands can grow quadratically ("HUB-1 … HUB-5000 #time 1m #time 1m …"), so it is capped too. */
export const COMMAND_LIMIT = 1000;

/** Stable string for dedupe: "HUB-12", "#12" or "owner/repo#12" (GitHub names are case-insensitive). */
export function refId(ref: Ref): string {
  if (ref.kind === "task") return ref.key;
  const where = ref.owner && ref.repo ? `${ref.owner}/${ref.repo}`.toLowerCase() : "";
  return `${where}#${ref.number}`;
}

// ---------------------------------------------------------------- keywords

const CLOSING = new Set([
  "close", "closes", "closed", "closing",
  "fix", "fixes", "fixed", "fixing",
  "resolve", "resolves", "resolved", "resolving",
  "complete", "completes", "completed", "completing",
]);
const LINKING = new Set(["ref", "refs", "references", "toward", "towards"]);
/** Two-word linking phrases, first word → second word. */
const LINKING_PAIRS = new Map([["part", "of"], ["related", "to"], ["contributes", "to"]]);

type Transition = Extract<SmartCommand, { type: "transition" }>["to"];
/** Jira's own names (#done, #start, #review) plus the default-workflow names people type (#resolve, #close). */
// Maps, not object literals: "#constructor" must not find Object.prototype.
const TRANSITIONS = new Map<string, Transition>([
  ["done", "completed"],
  ["resolve", "completed"],
  ["close", "completed"],
  ["start", "in_progress"],
  ["in-progress", "in_progress"],
  ["start-progress", "in_progress"],
  ["review", "review"],
]);
const isCommand = (name: string) => name === "comment" || name === "time" || TRANSITIONS.has(name);

// ---------------------------------------------------------------- which keys count

/**
 * Standards and versions that have the shape of a key. Only consulted when the caller gives no
 * projectKeys; with them, the hub's own list decides.
 */
const NOT_PROJECTS = new Set([
  "UTF", "SHA", "ISO", "RFC", "CVE", "CWE", "AES", "RSA", "ECMA", "IEEE", "UTC", "GMT", "PEP", "GPT", "COVID", "X86",
]);

/** "bare": counts anywhere; "keyword": only right after a magic word; "foreign": key-shaped, never counts. */
type KeyStanding = "bare" | "keyword" | "foreign";

interface KeyPolicy {
  known: Set<string> | null;
}

const policyOf = (opts?: RefOptions): KeyPolicy => ({
  known: opts?.projectKeys ? new Set(opts.projectKeys.map((k) => k.toUpperCase())) : null,
});

function standing(policy: KeyPolicy, written: string): KeyStanding {
  const project = written.toUpperCase();
  if (policy.known) return policy.known.has(project) ? "bare" : "foreign";
  if (NOT_PROJECTS.has(project)) return "foreign";
  // Lower-case "covid-19", "step-2", "utf-8" fill ordinary prose; only a magic word makes them keys.
  return written === project ? "bare" : "keyword";
}

/** GitHub's own autolink: GH-12 is issue #12, unless the hub has a project called GH. */
const isGitHubAlias = (policy: KeyPolicy, project: string) =>
  project.toUpperCase() === "GH" && !policy.known?.has("GH");

const positive = (digits: string): number | null => {
  const n = Number(digits);
  return n > 0 ? n : null;
};

// ---------------------------------------------------------------- what does not count

/**
 * The same text with code blocks, inline code, quoted lines and HTML comments blanked to spaces.
 * Lengths and newlines are kept so offsets into the result are offsets into the original.
 */
function maskIgnored(text: string): string {
  const lines = blankHtmlComments(text).split("\n");
  let fence: { char: string; length: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const opener = FENCE.exec(line);
    if (fence) {
      if (opener && opener[1][0] === fence.char && opener[1].length >= fence.length && !line.slice(opener[0].length).trim()) {
        fence = null;
      }
      lines[i] = blank(line);
    } else if (opener) {
      fence = { char: opener[1][0], length: opener[1].length };
      lines[i] = blank(line);
    } else if (/^\s*>/.test(line)) {
      lines[i] = blank(line);
    } else {
      lines[i] = blankInlineCode(line);
    }
  }
  return lines.join("\n");
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const blank = (s: string) => s.replace(/[^\n]/g, " ");

/** PR templates say "<!-- Fixes #(issue) -->"; a template must not close anything. */
function blankHtmlComments(text: string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const open = text.indexOf("<!--", from);
    if (open < 0) return out + text.slice(from);
    const close = text.indexOf("-->", open + 4);
    const end = close < 0 ? text.length : close + 3;
    out += text.slice(from, open) + blank(text.slice(open, end));
    from = end;
  }
}

/** CommonMark code spans: a run of n backticks closes only at the next run of exactly n. */
function blankInlineCode(line: string): string {
  const runs: { start: number; end: number }[] = [];
  for (const m of line.matchAll(/`+/g)) runs.push({ start: m.index, end: m.index + m[0].length });
  if (runs.length < 2) return line;
  // Index of the next run of the same length, found in one pass so unmatched runs stay linear.
  const next = new Array<number>(runs.length).fill(-1);
  const lastSeen = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const len = runs[i].end - runs[i].start;
    next[i] = lastSeen.get(len) ?? -1;
    lastSeen.set(len, i);
  }
  let out = "";
  let from = 0;
  for (let i = 0; i < runs.length; i++) {
    const j = next[i];
    if (j < 0) continue;
    out += line.slice(from, runs[i].start) + blank(line.slice(runs[i].start, runs[j].end));
    from = runs[j].end;
    i = j;
  }
  return out + line.slice(from);
}

// ---------------------------------------------------------------- tokens

type Token = { start: number; end: number } & (
  | { t: "word"; word: string }
  | { t: "punct"; char: string }
  | { t: "ref"; ref: Ref; standing: KeyStanding }
  | { t: "command"; name: string }
  | { t: "other" }
);

/*
 * One alternation, tried left to right at each position. Every quantifier is bounded or over a
 * single character class with nothing ambiguous after it, so a match attempt costs at most a few
 * hundred steps and a line is read in linear time.
 */
const TOKEN = new RegExp(
  [
    /(?<url>https?:\/\/[^\s<>"'`()[\]{}]+)/.source,
    /(?<slug>[a-z0-9][a-z0-9-]{0,38}\/[a-z0-9._-]{1,100}#\d{1,9})/.source,
    /(?<issue>#\d{1,9})/.source,
    /(?<command>#[a-z]{1,20}(?:-[a-z]{1,20}){0,2})/.source,
    /(?<key>[a-z][a-z0-9]{1,9}-\d{1,9})/.source,
    /(?<word>[a-z0-9_]+)/.source,
    /(?<punct>\S)/.source,
  ].join("|"),
  "gi",
);

const ISSUE_URL =
  /^https?:\/\/(?:www\.)?github\.com\/([a-z0-9][a-z0-9-]{0,38})\/([a-z0-9._-]{1,100})\/issues\/(\d{1,9})(?:[/?#]|$)/i;

const WORD_CHAR = /[a-z0-9_]/i;
const charAt = (s: string, i: number) => (i >= 0 && i < s.length ? s[i] : "");
const wordCharAt = (s: string, i: number) => WORD_CHAR.test(charAt(s, i));

function tokenize(line: string, policy: KeyPolicy): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(line); m; m = TOKEN.exec(line)) {
    const start = m.index;
    const g = m.groups!;
    if (g.url) {
      const url = trimTrailingPunctuation(g.url);
      TOKEN.lastIndex = start + url.length;
      tokens.push(issueUrlToken(url, start));
    } else if (g.slug) {
      tokens.push(slugToken(line, g.slug, start));
    } else if (g.issue) {
      tokens.push(issueToken(line, g.issue, start));
    } else if (g.command) {
      const end = start + g.command.length;
      if (wordCharAt(line, start - 1) || wordCharAt(line, end) || charAt(line, end) === "-") {
        // Not a command ("#HUB-12", "C#done"): give back all but the '#' so what follows is read.
        TOKEN.lastIndex = start + 1;
        tokens.push({ t: "punct", char: "#", start, end: start + 1 });
      } else {
        tokens.push({ t: "command", name: g.command.slice(1).toLowerCase(), start, end });
      }
    } else if (g.key) {
      tokens.push(keyToken(line, g.key, start, policy));
    } else if (g.word) {
      tokens.push({ t: "word", word: g.word.toLowerCase(), start, end: start + g.word.length });
    } else {
      tokens.push({ t: "punct", char: g.punct, start, end: start + 1 });
    }
  }
  return tokens;
}

/** "see https://github.com/o/r/issues/1." — the full stop ends the sentence, not the URL. */
function trimTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && ".,;:!?".includes(url[end - 1])) end--;
  return url.slice(0, end);
}

function issueUrlToken(url: string, start: number): Token {
  const end = start + url.length;
  const m = ISSUE_URL.exec(url);
  const number = m ? positive(m[3]) : null;
  // Any other URL is opaque: a key inside a link to somewhere else is not a mention.
  if (!m || number === null) return { t: "other", start, end };
  return { t: "ref", ref: { kind: "issue", owner: m[1], repo: m[2], number }, standing: "bare", start, end };
}

function slugToken(line: string, slug: string, start: number): Token {
  const end = start + slug.length;
  const [path, digits] = slug.split("#");
  const [owner, repo] = path.split("/");
  const number = positive(digits);
  // "a/b/c#1" or "x.y/z#1" is a path, not owner/repo.
  if (/[a-z0-9_./-]/i.test(charAt(line, start - 1)) || wordCharAt(line, end) || number === null || /^\.+$/.test(repo)) {
    return { t: "other", start, end };
  }
  return { t: "ref", ref: { kind: "issue", owner, repo, number }, standing: "bare", start, end };
}

function issueToken(line: string, text: string, start: number): Token {
  const end = start + text.length;
  const number = positive(text.slice(1));
  // "&#12;" is an HTML entity and "abc#12" an anchor.
  if (/[a-z0-9_&#]/i.test(charAt(line, start - 1)) || wordCharAt(line, end) || number === null) {
    return { t: "other", start, end };
  }
  return { t: "ref", ref: { kind: "issue", owner: null, repo: null, number }, standing: "bare", start, end };
}

function keyToken(line: string, text: string, start: number, policy: KeyPolicy): Token {
  const end = start + text.length;
  const dash = text.indexOf("-");
  const project = text.slice(0, dash);
  const number = positive(text.slice(dash + 1));
  const after = charAt(line, end);
  // "pre-HUB-1", "v1.HUB-2", "HUB-1.2", "HUB-2024-01-01", "HUB-1@host" are not mentions of a task.
  const glued =
    /[-.@]/.test(charAt(line, start - 1)) ||
    after === "@" ||
    (/[-.]/.test(after) && /\d/.test(charAt(line, end + 1)));
  if (glued || number === null) return { t: "other", start, end };
  if (isGitHubAlias(policy, project)) {
    return { t: "ref", ref: { kind: "issue", owner: null, repo: null, number }, standing: "bare", start, end };
  }
  const key = `${project.toUpperCase()}-${number}`;
  return { t: "ref", ref: { kind: "task", key }, standing: standing(policy, project), start, end };
}

// ---------------------------------------------------------------- reading a message

class Collector {
  private closes = new Map<string, Ref>();
  private links = new Map<string, Ref>();
  private transitions = new Set<string>();
  private attempts = 0;
  readonly commands: SmartCommand[] = [];

  close(ref: Ref) {
    const id = refId(ref);
    if (!this.closes.has(id)) this.closes.set(id, ref);
  }

  link(ref: Ref) {
    const id = refId(ref);
    if (!this.links.has(id)) this.links.set(id, ref);
  }

  /** False once COMMAND_LIMIT key-command pairs have been read, duplicates included. */
  command(c: SmartCommand): boolean {
    if (++this.attempts > COMMAND_LIMIT) return false;
    // The same transition said twice is one move; two #time or #comment are two entries.
    if (c.type === "transition") {
      const id = `${c.key}>${c.to}`;
      if (this.transitions.has(id)) return true;
      this.transitions.add(id);
    }
    this.commands.push(c);
    return true;
  }

  intent(): Intent {
    const closes = [...this.closes.values()];
    const links = [...this.links.entries()].filter(([id]) => !this.closes.has(id)).map(([, ref]) => ref);
    return { closes, links, commands: this.commands };
  }
}

/** Commit messages, PR titles and bodies. Reads at most TEXT_LIMIT characters. */
export function parseText(text: string, opts?: RefOptions): Intent {
  const policy = policyOf(opts);
  const raw = text.slice(0, TEXT_LIMIT).replace(/\r\n?/g, "\n");
  const visible = maskIgnored(raw).split("\n");
  const rawLines = raw.split("\n");
  const out = new Collector();
  for (let i = 0; i < visible.length; i++) readLine(rawLines[i], visible[i], policy, out);
  return out.intent();
}

/**
 * Magic words act within one line, as Jira's do: a keyword takes the refs that follow it
 * ("Fixes HUB-1, HUB-2 and HUB-3"), and a #command applies to the task keys before it on the line.
 * A key after a command starts a new group ("HUB-1 #done HUB-2 #start"), except inside #comment
 * text, which runs to the next command.
 */
function readLine(raw: string, visible: string, policy: KeyPolicy, out: Collector) {
  const tokens = tokenize(visible, policy);
  let mode: "close" | "link" | null = null;
  let justKeyword = false;
  let group: string[] = [];
  let afterCommand = false;
  let inComment = false;

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.t === "command" && isCommand(tok.name)) {
      const argsEnd = nextCommandStart(tokens, i + 1, visible.length);
      runCommand(tok.name, raw.slice(tok.end, argsEnd), group, out);
      inComment = tok.name === "comment";
      afterCommand = true;
      mode = null;
      continue;
    }
    if (tok.t === "ref") {
      const counts = tok.standing === "bare" || (tok.standing === "keyword" && mode !== null && !inComment);
      if (!counts) {
        // A key of some other project ("Fixes HUB-1, OPS-2, HUB-3") does not end the list.
        if (tok.standing !== "foreign") mode = null;
        justKeyword = false;
        continue;
      }
      if (mode === "close" && !inComment) out.close(tok.ref);
      else out.link(tok.ref);
      if (tok.ref.kind === "task" && !inComment) {
        if (afterCommand) group = [];
        afterCommand = false;
        group.push(tok.ref.key);
      }
      justKeyword = false;
      continue;
    }
    if (inComment) continue;
    if (tok.t === "word") {
      const keyword = keywordAt(tokens, i);
      if (keyword) {
        mode = keyword.kind;
        justKeyword = true;
        i += keyword.words - 1;
        continue;
      }
      if (!(mode && !justKeyword && tok.word === "and")) mode = null;
    } else if (tok.t === "punct" && mode) {
      const separates = justKeyword ? tok.char === ":" : tok.char === "," || tok.char === "&";
      if (!separates) mode = null;
    } else {
      mode = null;
    }
    justKeyword = false;
  }
}

function keywordAt(tokens: Token[], i: number): { kind: "close" | "link"; words: number } | null {
  const tok = tokens[i];
  if (tok.t !== "word") return null;
  if (CLOSING.has(tok.word)) return { kind: "close", words: 1 };
  if (LINKING.has(tok.word)) return { kind: "link", words: 1 };
  const second = LINKING_PAIRS.get(tok.word);
  const next = tokens[i + 1];
  if (second && next?.t === "word" && next.word === second) return { kind: "link", words: 2 };
  return null;
}

function nextCommandStart(tokens: Token[], from: number, fallback: number): number {
  for (let j = from; j < tokens.length; j++) {
    const tok = tokens[j];
    if (tok.t === "command" && isCommand(tok.name)) return tok.start;
  }
  return fallback;
}

function runCommand(name: string, args: string, keys: string[], out: Collector) {
  const make = commandFor(name, args);
  if (!make) return;
  for (const key of keys) if (!out.command(make(key))) return;
}

function commandFor(name: string, args: string): ((key: string) => SmartCommand) | null {
  if (name === "comment") {
    const text = args.trim();
    return text ? (key) => ({ type: "comment", key, text }) : null;
  }
  if (name === "time") {
    const minutes = leadingDuration(args);
    return minutes ? (key) => ({ type: "time", key, minutes }) : null;
  }
  const to = TRANSITIONS.get(name);
  return to ? (key) => ({ type: "transition", key, to }) : null;
}

// ---------------------------------------------------------------- durations

/** Jira counts a working week of 5 days and a working day of 8 hours. */
const UNIT_MINUTES: Record<string, number> = { w: 5 * 8 * 60, d: 8 * 60, h: 60, m: 1 };
const DURATION_PART = /(\d{1,6}(?:\.\d{1,4})?)([wdhm])/giy;

/** Minutes in a Jira duration such as "1w 2d 4h 30m" or "1.5h"; null if the text is not one. */
export function parseJiraDuration(s: string): number | null {
  const parts = s.trim().split(/\s+/);
  if (!parts[0]) return null;
  let total = 0;
  for (const part of parts) {
    const minutes = partMinutes(part);
    if (minutes === null) return null;
    total += minutes;
  }
  return Math.round(total);
}

/** "2h30m" is one part; the whole part must be units. */
function partMinutes(part: string): number | null {
  let total = 0;
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < part.length) {
    const m = DURATION_PART.exec(part);
    if (!m) return null;
    total += Number(m[1]) * UNIT_MINUTES[m[2].toLowerCase()];
  }
  return total;
}

/** `#time 2h 30m Fixed the leak`: the duration is the leading run of units; the rest is a work note. */
function leadingDuration(args: string): number {
  let total = 0;
  for (const part of args.trim().split(/\s+/)) {
    const minutes = partMinutes(part);
    if (minutes === null || !part) break;
    total += minutes;
  }
  return Math.round(total);
}

// ---------------------------------------------------------------- branches

/** Separator or start before the key; no digit run glued after it ("release-2024-01"). */
const BRANCH_KEY = /(?:^|[-_.])([a-z][a-z0-9]{1,9})-(\d{1,9})(?![a-z0-9])(?![-_.]\d)/gi;

/**
 * Task keys in a branch name: "hub-12-fix-leak", "feature/HUB-12", "HUB-12/x", "fix/hub-12".
 * Without projectKeys only a key that starts a "/" segment counts ("python-3-support" aside);
 * with them, a known key anywhere between separators does ("fix-hub-12").
 */
export function parseBranchName(branch: string, opts?: RefOptions): string[] {
  const policy = policyOf(opts);
  const name = branch.slice(0, 1024).replace(/^refs\/heads\//, "");
  const keys = new Set<string>();
  for (const segment of name.split("/")) {
    for (const m of segment.matchAll(BRANCH_KEY)) {
      if (!policy.known && m.index !== 0) continue;
      const number = positive(m[2]);
      if (number === null || isGitHubAlias(policy, m[1]) || standing(policy, m[1].toUpperCase()) === "foreign") continue;
      keys.add(`${m[1].toUpperCase()}-${number}`);
    }
  }
  return [...keys];
}
