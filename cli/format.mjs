// How the terminal commands print tasks: one compact line per task, a short page for one task, nothing the hub's text could hijack.

/**
 * A task as GET/POST /api/tasks answer it (the fields the CLI prints).
 * @typedef {{ key: string, title: string, status: string, priority: string, dueAt: string | null,
 *   description?: string | null, assigneeId?: string | null, tags?: string[], projectKey?: string, number?: number }} Task
 * @typedef {Task & { dependsOn?: string[], blocks?: string[],
 *   links?: { kind: string, ref: string, url: string | null, state: string | null, title: string | null }[],
 *   activity?: { at: string, actor: string, action: string }[] }} TaskDetail
 */

export const STATUSES = ["todo", "in_progress", "review", "completed", "cancelled"];
export const OPEN_STATUSES = ["todo", "in_progress", "review"];
export const PRIORITIES = ["urgent", "high", "medium", "low"];

const STATUS_WIDTH = Math.max(...STATUSES.map((s) => s.length));
const PRIORITY_WIDTH = Math.max(...PRIORITIES.map((p) => p.length));
const DUE_WIDTH = "2026-12-31".length;
const MIN_TITLE = 20;

/**
 * Titles come from transcripts and PR bodies: control characters (an ANSI escape, a carriage return) would
 * rewrite the user's terminal, so they become spaces, and runs of whitespace one space.
 * @param {string} text
 */
export function clean(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").replace(/\s+/g, " ").trim();
}

/** Cut by code points, so an emoji is never split in half. @param {string} text @param {number} width */
function fit(text, width) {
  const chars = Array.from(text);
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}

/**
 * The due date as the user's calendar shows it (`add --due 2026-12-05` is the end of that local day).
 * @param {string | null | undefined} iso
 */
export function dueDate(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * One line per task, columns aligned across the list; the title gets what is left of `width`.
 * @param {Task[]} tasks
 * @param {number} [width] terminal columns
 * @returns {string[]}
 */
export function taskLines(tasks, width = 80) {
  const keyWidth = Math.max(0, ...tasks.map((t) => t.key.length));
  const anyDue = tasks.some((t) => t.dueAt);
  const fixed = keyWidth + 1 + STATUS_WIDTH + 1 + PRIORITY_WIDTH + 1 + (anyDue ? 1 + DUE_WIDTH : 0);
  const titleWidth = Math.max(MIN_TITLE, width - fixed);
  return tasks.map((t) => {
    const cols = [t.key.padEnd(keyWidth), clean(t.status).padEnd(STATUS_WIDTH), clean(t.priority).padEnd(PRIORITY_WIDTH)];
    const title = fit(clean(t.title), titleWidth);
    const line = `${cols.join(" ")} ${anyDue ? title.padEnd(titleWidth) : title}${anyDue ? ` ${dueDate(t.dueAt)}` : ""}`;
    return line.trimEnd();
  });
}

/**
 * Everything `show` prints: the line's fields, then what the task waits for and blocks, its links and latest activity.
 * @param {TaskDetail} t
 * @param {number} [width]
 * @returns {string[]}
 */
export function taskPage(t, width = 80) {
  const rows = [
    [t.key, clean(t.title)],
    ["status", t.status],
    ["priority", t.priority],
    ["due", dueDate(t.dueAt)],
    ["assignee", t.assigneeId ?? ""],
    ["tags", (t.tags ?? []).map(clean).join(", ")],
    ["waits for", (t.dependsOn ?? []).join(", ")],
    ["blocks", (t.blocks ?? []).join(", ")],
  ].filter(([, v]) => v);
  const label = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(label)}  ${v}`);
  for (const l of t.links ?? []) lines.push(fit(`link  ${clean(l.kind)} ${clean(l.ref)}${l.state ? ` (${clean(l.state)})` : ""}${l.title ? ` ${clean(l.title)}` : ""}`, width));
  if (t.description) {
    lines.push("");
    // Line breaks in a description are the author's; only the other control characters go.
    for (const para of t.description.split(/\r?\n/)) lines.push(clean(para));
  }
  // Newest first, as the hub lists it, whatever order it arrives in.
  const recent = [...(t.activity ?? [])].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 5);
  if (recent.length) {
    lines.push("");
    for (const a of recent) lines.push(fit(`${a.at.slice(0, 16).replace("T", " ")}  ${clean(a.actor)}  ${clean(a.action)}`, width));
  }
  return lines;
}

/**
 * Most urgent first; then work already started, then the nearest due date, then the oldest task.
 * @param {Task[]} tasks
 */
export function byPriority(tasks) {
  const rank = (/** @type {string} */ p) => {
    const i = PRIORITIES.indexOf(p);
    return i < 0 ? PRIORITIES.length : i;
  };
  const started = (/** @type {Task} */ t) => (t.status === "in_progress" ? 0 : t.status === "review" ? 1 : 2);
  return [...tasks].sort(
    (a, b) =>
      rank(a.priority) - rank(b.priority) ||
      started(a) - started(b) ||
      (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999") ||
      (a.number ?? 0) - (b.number ?? 0),
  );
}
