// Claude Code's own task list (~/.claude/tasks/<list>/<n>.json) read into TrackerTasks.
import type { TaskStatus } from "../tasks";
import { Accountant, DESCRIPTION_MAX, EDGES_MAX, ID_MAX, TITLE_MAX, checkSize, isRecord, rest, type TrackerImport, type TrackerTask } from "./model";

export const CLAUDE = "claude";
const MODELLED = ["subject", "description", "owner"] as const;
const STATUS: Record<string, TaskStatus> = { pending: "todo", in_progress: "in_progress", completed: "completed" };

export const claudeKey = (list: string, id: string) => `${CLAUDE}:${list}:${id}`;

/** Claude Code names a folder after the list id, so only a plain name is one. */
const LIST_ID = /^[A-Za-z0-9_.-]{1,200}$/;
/** What a hook header holds when the variable it names was never set: Claude sends the text as written. */
const UNSET = new Set(["", "$CLAUDE_CODE_TASK_LIST_ID", "${CLAUDE_CODE_TASK_LIST_ID}"]);

/**
 * The shared task list a hook or transcript post names (CLAUDE_CODE_TASK_LIST_ID): `list` null when it names
 * none; not ok when it names something no list can be called (a path, say).
 */
export function taskListId(raw: string | null | undefined): { ok: true; list: string | null } | { ok: false } {
  const v = (raw ?? "").trim();
  if (UNSET.has(v)) return { ok: true, list: null };
  return LIST_ID.test(v) && v !== "." && v !== ".." ? { ok: true, list: v } : { ok: false };
}

export interface ClaudeTaskFile {
  name: string;
  text: string;
}

/** `.lock` and `.highwatermark` sit beside the tasks and are not tasks. */
const isTaskFile = (name: string) => name.endsWith(".json");

export function fromClaudeTasks(listId: string, files: ClaudeTaskFile[]): TrackerImport {
  const acct = new Accountant();
  const list = listId.slice(0, ID_MAX);
  const tasks: TrackerTask[] = [];
  const byId = new Map<string, TrackerTask>();
  const blocks: [string, string][] = [];
  // Claude numbers its tasks: read them in that order, whatever order the files were listed in.
  const ordered = files.filter((f) => isTaskFile(f.name)).sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
  for (const f of ordered) {
    checkSize(f.text, f.name);
    let raw: unknown;
    try {
      raw = JSON.parse(f.text);
    } catch {
      acct.skip(f.name, "not JSON");
      continue;
    }
    const id = isRecord(raw) && (typeof raw.id === "string" || typeof raw.id === "number") ? String(raw.id) : "";
    if (!isRecord(raw) || !id || id.length > ID_MAX) {
      acct.skip(f.name, "no task id");
      continue;
    }
    if (byId.has(id)) {
      acct.skip(f.name, `task ${id} appears in another file too; the first was kept`);
      continue;
    }
    const key = claudeKey(list, id);
    const status = typeof raw.status === "string" ? raw.status.slice(0, ID_MAX) : "";
    const mapped = STATUS[status] ?? "todo";
    if (status) acct.count("statuses", status, STATUS[status] ? `status ${mapped}` : `status todo; "${status}" kept in metadata`);
    const task: TrackerTask = {
      externalKey: key,
      title: acct.text(raw.subject, TITLE_MAX, key, "title"),
      description: acct.text(raw.description, DESCRIPTION_MAX, key, "description"),
      status: mapped,
      priority: "medium",
      tags: [],
      dependsOn: [],
      links: [],
      comments: [],
      // activeForm, the raw blocks/blockedBy and Claude's own metadata stay as written.
      metadata: { [CLAUDE]: rest(raw, MODELLED, acct, key) },
    };
    if (typeof raw.owner === "string" && raw.owner) task.assignee = raw.owner.slice(0, ID_MAX);
    for (const b of ids(raw.blockedBy)) {
      acct.count("linkKinds", "blockedBy", "dependency");
      if (!task.dependsOn.includes(claudeKey(list, b))) task.dependsOn.push(claudeKey(list, b));
    }
    for (const b of ids(raw.blocks)) {
      acct.count("linkKinds", "blocks", "dependency of the blocked task (the same edge as its blockedBy)");
      blocks.push([id, b]);
    }
    byId.set(id, task);
    tasks.push(task);
  }
  // Both sides are stored; an edge written on one side only still counts.
  for (const [blocker, blocked] of blocks) {
    const t = byId.get(blocked);
    const k = claudeKey(list, blocker);
    if (!t) acct.unresolved.push({ from: k, to: claudeKey(list, blocked), kind: "blocks" });
    else if (!t.dependsOn.includes(k)) t.dependsOn.push(k);
  }
  return acct.result(tasks);
}

function ids(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v
    .slice(0, EDGES_MAX)
    .filter((x): x is string | number => (typeof x === "string" && x.length > 0 && x.length <= ID_MAX) || typeof x === "number")
    .map(String);
}
