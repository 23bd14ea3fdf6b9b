// How much untrusted text any pattern may see, and the linear helpers that trim it without backtracking.

/** Characters of one message (a prompt, an assistant's last words, a summary, a tool result) read for tasks. */
export const MESSAGE_MAX_CHARS = 64 * 1024;
/** Characters of one line of a message read for tasks; a longer line is cut there. */
export const LINE_MAX_CHARS = 2_000;
/** Characters of one field (cwd, branch, a shell command's word, an id): PATH_MAX on Linux. */
export const FIELD_MAX_CHARS = 4_096;
/** Characters of one shell command read for tracker calls (heredoc bodies included). */
export const COMMAND_MAX_CHARS = 32 * 1024;

/** The first MESSAGE_MAX_CHARS characters, each line cut at LINE_MAX_CHARS. */
export function capMessage(text: string): string {
  const t = text.length > MESSAGE_MAX_CHARS ? text.slice(0, MESSAGE_MAX_CHARS) : text;
  if (t.length <= LINE_MAX_CHARS) return t;
  let out = "";
  let from = 0;
  while (from <= t.length) {
    let end = t.indexOf("\n", from);
    if (end < 0) end = t.length;
    out += (from ? "\n" : "") + (end - from > LINE_MAX_CHARS ? t.slice(from, from + LINE_MAX_CHARS) : t.slice(from, end));
    from = end + 1;
  }
  return out;
}

export const capField = (text: string): string => (text.length > FIELD_MAX_CHARS ? text.slice(0, FIELD_MAX_CHARS) : text);

const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0";

/** `text` without the trailing characters in `chars` (one pass from the end, unlike /[..]+$/ from each position). */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** `text` without the leading characters in `chars`. */
export function trimStartOf(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start])) start++;
  return text.slice(start);
}

/**
 * Splits at the first `separator` that has whitespace on both sides (" — "), as split(/\s+SEP\s+/)[0] did,
 * found with indexOf rather than a pattern tried from every space.
 */
export function beforeSpacedSeparator(text: string, separators: string[]): string {
  let cut = text.length;
  for (const sep of separators) {
    for (let at = text.indexOf(sep); at >= 0 && at < cut; at = text.indexOf(sep, at + 1)) {
      if (at > 0 && isSpace(text[at - 1]) && at + sep.length < text.length && isSpace(text[at + sep.length])) {
        cut = at;
        break;
      }
    }
  }
  return cut === text.length ? text : text.slice(0, cut).trimEnd();
}
