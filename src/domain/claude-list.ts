// A project's tasks as Claude Code's own task list shows them (~/.claude/tasks/<list>/<n>.json): ids, statuses, edges, activeForm.

import type { ProjectGraph } from "./graph";
import { decide, outsideLimit, roleAllows, scopesCover, type Asker, type Role } from "./permissions";
import { isOpen, type Task, type TaskStatus } from "./tasks";
import { claudeKey } from "./trackers/claude-tasks";

export type ClaudeStatus = "pending" | "in_progress" | "completed";

export interface ClaudeListTask {
  key: string;
  title: string;
  description: string;
  status: ClaudeStatus;
  activeForm: string;
  /** Hub keys of the tasks this one blocks / waits for, among those listed. */
  blocks: string[];
  blockedBy: string[];
  /** The task's id in the list, when it has one (its key or an alias claude:<list>:<n>). */
  claudeId?: string;
}

/** Claude has no cancelled: a cancelled task is no longer work, so the list shows it done. */
const STATUS: Record<TaskStatus, ClaudeStatus> = { todo: "pending", in_progress: "in_progress", review: "in_progress", completed: "completed", cancelled: "completed" };

/** Every key of the list starts so. */
export const listPrefix = (list: string) => claudeKey(list, "");

/** The first string after every string that starts with `prefix`, for a range on an index. */
export const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** n of claude:<list>:<n> (Claude numbers its tasks 1, 2, …); null for any other key. */
export function claudeIdOf(list: string, key: string): string | null {
  const prefix = listPrefix(list);
  if (!key.startsWith(prefix)) return null;
  const n = key.slice(prefix.length);
  return /^[1-9]\d{0,8}$/.test(n) ? n : null;
}

/**
 * Who may give a project's tasks ids in the list, a write: whoever may write the project, or feed it as its
 * sessions do (the SessionStart hook's ingest token: a member's or owner's, or a token of no person it is not limited away from).
 */
export function mayKeyList(asker: Asker, projectKey: string, role: Role | null): boolean {
  if (outsideLimit(asker, projectKey)) return false;
  if (decide(asker, role, "write") === "allow") return true;
  if (!scopesCover(asker.scopes, "ingest")) return false;
  return asker.admin || !asker.userId || roleAllows(role, "write");
}

/**
 * What the list should hold of a project: its open tasks, and every task that already has an id in the list
 * (so a task finished in the hub shows finished there too). Edges are kept between listed tasks only.
 */
export function claudeListTasks(list: string, graph: ProjectGraph, projectId: string, keyed: { taskId: string; externalKey: string }[]): ClaudeListTask[] {
  const ids = new Map<string, string>();
  for (const k of keyed) {
    const n = claudeIdOf(list, k.externalKey);
    // One id per task: the lowest, should a task ever hold two.
    if (n && (!ids.has(k.taskId) || Number(n) < Number(ids.get(k.taskId)))) ids.set(k.taskId, n);
  }
  const listed = graph.tasks.filter((t) => t.projectId === projectId && (isOpen(t.status) || ids.has(t.id)));
  const keyOf = new Map(listed.map((t) => [t.id, t.key]));
  const out = new Map(listed.map((t) => [t.id, entry(t, ids.get(t.id))]));
  for (const e of graph.edges) {
    const task = out.get(e.taskId);
    const blocker = out.get(e.dependsOnId);
    if (!task || !blocker) continue;
    task.blockedBy.push(keyOf.get(e.dependsOnId)!);
    blocker.blocks.push(keyOf.get(e.taskId)!);
  }
  return [...out.values()];
}

function entry(t: Task, claudeId: string | undefined): ClaudeListTask {
  const e: ClaudeListTask = { key: t.key, title: t.title, description: t.description ?? "", status: STATUS[t.status], activeForm: activeForm(t.title), blocks: [], blockedBy: [] };
  if (claudeId) e.claudeId = claudeId;
  return e;
}

/** Verbs whose last consonant doubles though the stress rule is not plain from the spelling. */
const DOUBLED: Record<string, string> = { begin: "beginning", commit: "committing", submit: "submitting", omit: "omitting", admit: "admitting", permit: "permitting", forget: "forgetting", refer: "referring", prefer: "preferring", control: "controlling", format: "formatting", upset: "upsetting" };
/** First words that are not verbs for all they look like one: the title is then no command, so Claude's own wording wraps it. */
const NOT_VERBS = new Set(["the", "a", "an", "this", "that", "bug", "new", "todo", "api", "ui", "docs", "readme"]);

/** Claude's activeForm for a task: "Write the parser" → "Writing the parser"; a title that is no command → "Working on …". */
export function activeForm(title: string): string {
  const t = title.trim().replace(/\s+/g, " ");
  const m = /^([A-Za-z]+)(\b.*)$/.exec(t);
  if (!m) return t ? `Working on ${t}` : "Working";
  const [, word, rest] = m;
  const lower = word.toLowerCase();
  if (lower.endsWith("ing") && lower.length > 4) return t;
  if (NOT_VERBS.has(lower) || (word.length > 1 && word === word.toUpperCase()) || /[^a-z]/.test(word.slice(1))) return `Working on ${t}`;
  const ing = participle(lower);
  return (word[0] === word[0].toUpperCase() ? ing[0].toUpperCase() + ing.slice(1) : ing) + rest;
}

function participle(v: string): string {
  if (DOUBLED[v]) return DOUBLED[v];
  if (v === "be") return "being";
  if (v.endsWith("ie")) return v.slice(0, -2) + "ying";
  if (/(ee|ye|oe)$/.test(v)) return v + "ing";
  if (v.endsWith("e") && v.length > 2) return v.slice(0, -1) + "ing";
  // One syllable ending consonant-vowel-consonant (run, set, plan, ship): the consonant doubles; w, x, y never do.
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(v)) return v + v.at(-1) + "ing";
  return v + "ing";
}
