// A small linear shell tokenizer: the simple commands of a Bash tool call, as argv lists, for tracker CLIs.
//
// Enough of POSIX sh for commands Claude Code writes: quotes, backslashes, $(…) and `…` kept whole,
// heredocs skipped (or read as a word's value in the "$(cat <<'EOF' … EOF)" idiom), comments,
// redirections dropped, and &&, ||, ;, |, &, newlines and ( ) ending a command. Every character is looked at
// a bounded number of times, with no recursion, so any input is read in linear time.

import { COMMAND_MAX_CHARS, FIELD_MAX_CHARS } from "../limits";

export type Argv = string[];

const OPERATOR_CHARS = "&|;()\n";
const isBlank = (c: string | undefined) => c === " " || c === "\t" || c === "\r";

export function shellCommands(command: string): Argv[] {
  const s = command.slice(0, COMMAND_MAX_CHARS);
  const commands: Argv[] = [];
  let argv: Argv = [];
  let word: string | null = null;
  let heredocs: Heredoc[] = [];
  const endWord = () => {
    if (word !== null) argv.push(word.slice(0, FIELD_MAX_CHARS));
    word = null;
  };
  const endCommand = () => {
    endWord();
    if (argv.length) commands.push(argv);
    argv = [];
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "\n" && heredocs.length) {
      endCommand();
      i = skipHeredocBodies(s, i + 1, heredocs);
      heredocs = [];
      continue;
    }
    if (isBlank(c)) {
      endWord();
      i++;
    } else if (OPERATOR_CHARS.includes(c)) {
      endCommand();
      i++;
    } else if (c === "#" && word === null) {
      const nl = s.indexOf("\n", i);
      i = nl < 0 ? s.length : nl;
    } else if (c === ">" || c === "<") {
      // A redirection: its fd ("2>"), operator and target are no part of argv; "<<WORD" opens a heredoc.
      if (word !== null && /^\d+$/.test(word)) word = null;
      endWord();
      const heredoc = s.startsWith("<<", i) && s[i + 2] !== "<";
      const tabs = heredoc && s[i + 2] === "-";
      i++;
      while (i < s.length && ">&<-".includes(s[i])) i++;
      while (isBlank(s[i])) i++;
      const target = readWord(s, i);
      i = target.end;
      if (heredoc && target.value) heredocs.push({ delimiter: target.value, tabs });
    } else {
      const w = readWord(s, i);
      word = (word ?? "") + w.value;
      i = w.end;
    }
  }
  endCommand();
  return commands;
}

interface Heredoc {
  delimiter: string;
  /** <<- : leading tabs of the closing line are ignored */
  tabs: boolean;
}

/** From the first line of a heredoc body, past the line that closes each pending heredoc in turn. */
function skipHeredocBodies(s: string, from: number, heredocs: Heredoc[]): number {
  let i = from;
  for (const h of heredocs) i = heredocEnd(s, i, h).next;
  return i;
}

/** Where the body starting at `from` ends (`end`, the start of its closing line) and what follows it (`next`). */
function heredocEnd(s: string, from: number, h: Heredoc): { end: number; next: number } {
  for (let line = from; line < s.length; ) {
    const nl = s.indexOf("\n", line);
    const lineEnd = nl < 0 ? s.length : nl;
    let text = s.slice(line, lineEnd);
    if (h.tabs) text = text.replace(/^\t+/, "");
    if (text === h.delimiter) return { end: line, next: lineEnd + 1 };
    line = lineEnd + 1;
  }
  return { end: s.length, next: s.length };
}

/** Past the `…` that opens at i: an old-style substitution, kept whole. */
function afterBackticks(s: string, i: number): number {
  const close = s.indexOf("`", i + 1);
  return close < 0 ? s.length : close + 1;
}

/** A $(…) or `…` starting at i (kept whole, or read as its heredoc's text); null when none starts there. */
function substitutionAt(s: string, i: number): { value: string; end: number } | null {
  if (s[i] === "$" && s[i + 1] === "(") return readSubstitution(s, i + 2);
  if (s[i] !== "`") return null;
  const end = afterBackticks(s, i);
  return { value: s.slice(i, end), end };
}

/** One stretch of a word starting at `i`: a quoted part, a substitution, an escape or plain characters. */
function readWord(s: string, i: number): { value: string; start: number; end: number } {
  const start = i;
  let value = "";
  while (i < s.length) {
    const c = s[i];
    if (isBlank(c) || OPERATOR_CHARS.includes(c) || c === ">" || c === "<") break;
    if (c === "'") {
      const close = s.indexOf("'", i + 1);
      const end = close < 0 ? s.length : close;
      value += s.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      const q = readDoubleQuoted(s, i + 1);
      value += q.value;
      i = q.end;
    } else if (c === "\\") {
      if (s[i + 1] !== "\n") value += s[i + 1] ?? "";
      i += 2;
    } else {
      const sub = substitutionAt(s, i);
      value += sub ? sub.value : c;
      i = sub ? sub.end : i + 1;
    }
  }
  return { value, start, end: Math.min(i, s.length) };
}

function readDoubleQuoted(s: string, i: number): { value: string; end: number } {
  let value = "";
  while (i < s.length && s[i] !== '"') {
    const c = s[i];
    if (c === "\\" && '"\\$`\n'.includes(s[i + 1] ?? "")) {
      if (s[i + 1] !== "\n") value += s[i + 1];
      i += 2;
    } else {
      const sub = substitutionAt(s, i);
      value += sub ? sub.value : c;
      i = sub ? sub.end : i + 1;
    }
  }
  return { value, end: i + 1 };
}

/**
 * A `$(…)` starting after its "$(", to its matching ")", with an explicit stack (no recursion, so no depth
 * limit to hit). Its value is its own text, except the "$(cat <<'EOF' … EOF)" idiom, whose value is the body.
 */
function readSubstitution(s: string, from: number): { value: string; end: number } {
  const stack: ("sub" | "dq")[] = ["sub"];
  const pending: Heredoc[] = [];
  let firstBody: string | null = null;
  let i = from;
  while (i < s.length && stack.length) {
    const c = s[i];
    const mode = stack[stack.length - 1];
    if (c === "\\") i += 2;
    else if (c === "`") i = afterBackticks(s, i);
    else if (c === "$" && s[i + 1] === "(") {
      stack.push("sub");
      i += 2;
    } else if (mode === "dq") {
      if (c === '"') stack.pop();
      i++;
    } else if (c === '"') {
      stack.push("dq");
      i++;
    } else if (c === "'") {
      const close = s.indexOf("'", i + 1);
      i = close < 0 ? s.length : close + 1;
    } else if (c === "(") {
      stack.push("sub");
      i++;
    } else if (c === ")") {
      stack.pop();
      i++;
    } else if (c === "<" && s[i + 1] === "<" && s[i + 2] !== "<") {
      let j = i + 2;
      const tabs = s[j] === "-";
      if (tabs) j++;
      while (isBlank(s[j])) j++;
      const target = readWord(s, j);
      if (target.value) pending.push({ delimiter: target.value, tabs });
      i = target.end;
    } else if (c === "\n" && pending.length) {
      let j = i + 1;
      for (const h of pending) {
        const body = heredocEnd(s, j, h);
        firstBody ??= s.slice(j, body.end);
        j = body.next;
      }
      pending.length = 0;
      i = j;
    } else i++;
  }
  const inner = s.slice(from, Math.max(from, i - 1));
  const value = firstBody !== null && /^\s*cat\s+<</.test(inner) ? firstBody.replace(/\n$/, "") : `$(${inner})`;
  return { value, end: i };
}
