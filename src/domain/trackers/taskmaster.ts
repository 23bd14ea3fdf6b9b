// Task Master (`.taskmaster/tasks/tasks.json`, tagged or legacy): tasks and their subtasks read into TrackerTasks and written back.
import type { Priority, TaskStatus } from "../tasks";
import {
  Accountant,
  DESCRIPTION_MAX,
  EDGES_MAX,
  ID_MAX,
  TITLE_MAX,
  TrackerInputError,
  checkSize,
  isRecord,
  keepIfSame,
  rest,
  sourceMeta,
  type TrackerImport,
  type TrackerTask,
} from "./model";

export const TASKMASTER = "taskmaster";
/** The tag a legacy `{"tasks": [...]}` file stands for: Task Master migrates it to "master". */
export const LEGACY_TAG = "master";
/** `assignee` is not Task Master's: we write it (Task Master keeps unknown keys) so a task from elsewhere keeps its person. */
const MODELLED = ["title", "description", "subtasks", "assignee"] as const;

/** Task Master's statuses (and the spellings its CLI accepts), as ours. */
export const TASK_MASTER_STATUS: Record<string, TaskStatus> = {
  pending: "todo",
  "in-progress": "in_progress",
  in_progress: "in_progress",
  review: "review",
  done: "completed",
  completed: "completed",
  deferred: "todo",
  blocked: "todo",
  cancelled: "cancelled",
};
const EXACT_STATUS = new Set(["pending", "in-progress", "review", "done", "cancelled"]);
const STATUS_OUT: Record<TaskStatus, string> = { todo: "pending", in_progress: "in-progress", review: "review", completed: "done", cancelled: "cancelled" };
const PRIORITY: Record<string, Priority> = { low: "low", medium: "medium", high: "high", critical: "urgent" };

export const taskmasterKey = (tag: string, id: string) => `${TASKMASTER}:${tag}:${id}`;

const readStatus = (raw: unknown): TaskStatus => (typeof raw === "string" && TASK_MASTER_STATUS[raw]) || "todo";
const readPriority = (raw: unknown): Priority | undefined => (typeof raw === "string" ? PRIORITY[raw] : undefined);
const idText = (raw: unknown): string | undefined =>
  (typeof raw === "number" && Number.isInteger(raw) && raw >= 0) || (typeof raw === "string" && /^\d{1,9}$/.test(raw)) ? String(raw) : undefined;

/** Besides the tasks, each tag's own `metadata` (created, updated, description), for `toTaskMaster` to put back. */
export interface TaskMasterImport extends TrackerImport {
  tagMetadata: Record<string, Record<string, unknown>>;
}

export function fromTaskMaster(text: string): TaskMasterImport {
  checkSize(text, "tasks.json");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new TrackerInputError("tasks.json is not JSON");
  }
  if (!isRecord(doc)) throw new TrackerInputError("tasks.json is not an object");
  const lists: [string, unknown][] = Array.isArray(doc.tasks)
    ? [[LEGACY_TAG, doc.tasks]]
    : Object.entries(doc).flatMap(([tag, v]) => (isRecord(v) && Array.isArray(v.tasks) ? [[tag.slice(0, ID_MAX), v.tasks] as [string, unknown]] : []));
  if (!lists.length) throw new TrackerInputError('tasks.json holds neither {"tasks": [...]} nor {"<tag>": {"tasks": [...]}}');
  const acct = new Accountant();
  const tasks: TrackerTask[] = [];
  const tagMetadata: Record<string, Record<string, unknown>> = {};
  for (const [tag, list] of lists) {
    const own = Array.isArray(doc.tasks) ? undefined : (doc[tag] as Record<string, unknown>).metadata;
    if (isRecord(own)) tagMetadata[tag] = rest(own, [], acct, `${TASKMASTER}:${tag}`);
    const seen = new Set<string>();
    for (const [i, raw] of (list as unknown[]).entries()) {
      const id = isRecord(raw) ? idText(raw.id) : undefined;
      if (!isRecord(raw) || id === undefined) {
        acct.skip(`${tag}: task #${i + 1}`, "no numeric id");
        continue;
      }
      if (seen.has(id)) {
        acct.skip(taskmasterKey(tag, id), "the id appears again; the first task was kept");
        continue;
      }
      seen.add(id);
      const task = readTask(raw, tag, id, undefined, acct);
      tasks.push(task);
      const subSeen = new Set<string>();
      for (const [j, sub] of (Array.isArray(raw.subtasks) ? raw.subtasks : []).entries()) {
        const sid = isRecord(sub) ? idText(sub.id) : undefined;
        if (!isRecord(sub) || sid === undefined || subSeen.has(sid)) {
          acct.skip(`${task.externalKey}: subtask #${j + 1}`, sid === undefined ? "no numeric id" : "the id appears again");
          continue;
        }
        subSeen.add(sid);
        tasks.push(readTask(sub, tag, `${id}.${sid}`, id, acct));
      }
    }
  }
  return { ...acct.result(tasks), tagMetadata };
}

function readTask(raw: Record<string, unknown>, tag: string, id: string, parentId: string | undefined, acct: Accountant): TrackerTask {
  const key = taskmasterKey(tag, id);
  const status = typeof raw.status === "string" ? raw.status.slice(0, ID_MAX) : "";
  const mapped = readStatus(status);
  if (status) acct.count("statuses", status, EXACT_STATUS.has(status) ? `status ${mapped}` : `status ${mapped}; "${status}" kept in metadata`);
  const priority = readPriority(raw.priority);
  if (raw.priority !== undefined) {
    const p = String(raw.priority).slice(0, ID_MAX);
    acct.count("priorities", p, priority ? `priority ${priority}` : "priority medium; kept in metadata");
  }
  const task: TrackerTask = {
    externalKey: key,
    title: acct.text(raw.title, TITLE_MAX, key, "title"),
    description: acct.text(raw.description, DESCRIPTION_MAX, key, "description"),
    status: mapped,
    priority: priority ?? "medium",
    tags: [],
    dependsOn: [],
    links: [],
    comments: [],
    // details, testStrategy and anything newer Task Master adds stay here as written.
    metadata: { [TASKMASTER]: rest(raw, MODELLED, acct, key) },
  };
  if (parentId !== undefined) task.parentExternalKey = taskmasterKey(tag, parentId);
  if (typeof raw.assignee === "string" && raw.assignee) task.assignee = raw.assignee.slice(0, ID_MAX);
  for (const d of (Array.isArray(raw.dependencies) ? raw.dependencies : []).slice(0, EDGES_MAX)) {
    const target = dependencyTarget(d, parentId);
    if (target === undefined) {
      acct.skip(`${key} → ${String(d).slice(0, ID_MAX)}`, "a dependency that names no task id");
      continue;
    }
    const kind = typeof d === "number" ? (parentId ? "sibling subtask number" : "task number") : target.includes(".") ? '"task.subtask" string' : "task id string";
    acct.count("linkKinds", kind, "dependency");
    const k = taskmasterKey(tag, target);
    if (!task.dependsOn.includes(k)) task.dependsOn.push(k);
  }
  return task;
}

/** A subtask's bare number names a sibling subtask; "5.2" names subtask 2 of task 5; anything else a task. */
function dependencyTarget(d: unknown, parentId: string | undefined): string | undefined {
  if (typeof d === "string" && /^\d{1,9}\.\d{1,9}$/.test(d)) return d;
  const n = idText(d);
  if (n === undefined) return undefined;
  return parentId !== undefined && typeof d === "number" ? `${parentId}.${n}` : n;
}

/**
 * Writes tasks as a tagged tasks.json under `tag`. Task Master nests one level: a task whose parent is
 * itself a subtask, or not in the list, becomes a task of its own. Ids from Task Master are kept.
 * Task Master can name only its own ids, so a dependency on a task outside `tasks` (and not a Task Master
 * key) is left out.
 */
export function toTaskMaster(tasks: TrackerTask[], tag: string, tagMetadata: Record<string, unknown> = {}): string {
  const byKey = new Map(tasks.map((t) => [t.externalKey, t]));
  const isSub = (t: TrackerTask) => !!t.parentExternalKey && byKey.has(t.parentExternalKey) && !byKey.get(t.parentExternalKey)!.parentExternalKey;
  const placed = new Map<string, string>(); // externalKey → "5" or "5.2"
  const top = tasks.filter((t) => !isSub(t));
  placeAll(top, new Set<string>(), placed, (t) => ownId(t)?.split(".").length === 1 ? ownId(t) : undefined, (n) => String(n));
  const children = new Map<string, TrackerTask[]>();
  for (const t of tasks.filter(isSub)) {
    const list = children.get(t.parentExternalKey!);
    if (list) list.push(t);
    else children.set(t.parentExternalKey!, [t]);
  }
  for (const [parentKey, subs] of children) {
    const pid = placed.get(parentKey)!;
    placeAll(subs, new Set<string>(), placed, (t) => ownId(t)?.split(".")[1], (n) => `${pid}.${n}`);
  }
  const idOf = (key: string) => placed.get(key) ?? foreignId(key);
  const write = (t: TrackerTask): Record<string, unknown> => {
    const m = sourceMeta(t, TASKMASTER);
    const id = placed.get(t.externalKey)!;
    const own = id.split(".").pop()!;
    const out: Record<string, unknown> = { id: null, title: t.title, description: t.description, ...m };
    out.id = typeof m.id === "string" ? own : Number(own);
    const parentId = id.includes(".") ? id.split(".")[0] : undefined;
    const deps = t.dependsOn.map(idOf).filter((d): d is string => d !== undefined);
    out.dependencies = sameDeps(m.dependencies, deps, parentId) ? m.dependencies : deps.map((d) => writeDep(d, parentId));
    out.status = keepIfSame(m.status, t.status, readStatus, STATUS_OUT[t.status]);
    if (t.priority !== "medium" || m.priority !== undefined) {
      out.priority = keepIfSame(m.priority, t.priority, readPriority, t.priority === "urgent" ? "critical" : t.priority);
    }
    if (t.assignee) out.assignee = t.assignee;
    const subs = children.get(t.externalKey);
    if (subs) out.subtasks = subs.map(write);
    else if (!parentId) out.subtasks = [];
    return out;
  };
  const meta = { description: `Tasks for ${tag} context`, ...tagMetadata };
  return `${JSON.stringify({ [tag]: { tasks: top.map(write), metadata: meta } }, null, 2)}\n`;

  function placeAll(list: TrackerTask[], taken: Set<string>, into: Map<string, string>, wish: (t: TrackerTask) => string | undefined, full: (n: string) => string) {
    const later: TrackerTask[] = [];
    for (const t of list) {
      const w = wish(t);
      if (w !== undefined && !taken.has(w)) {
        taken.add(w);
        into.set(t.externalKey, full(w));
      } else later.push(t);
    }
    let next = [...taken].reduce((n, id) => Math.max(n, Number(id)), 0) + 1;
    for (const t of later) {
      while (taken.has(String(next))) next++;
      taken.add(String(next));
      into.set(t.externalKey, full(String(next)));
    }
  }

  /** The "5" or "5.2" of a Task Master key, whatever its tag. */
  function ownId(t: TrackerTask): string | undefined {
    return foreignId(t.externalKey);
  }
}

function foreignId(key: string): string | undefined {
  if (!key.startsWith(`${TASKMASTER}:`)) return undefined;
  const id = key.slice(key.lastIndexOf(":") + 1);
  return /^\d{1,9}(\.\d{1,9})?$/.test(id) ? id : undefined;
}

/** Siblings as numbers inside a subtask, other subtasks as "5.2", tasks as numbers (as "7" inside a subtask, where 7 is a sibling). */
function writeDep(id: string, parentId: string | undefined): number | string {
  if (!id.includes(".")) return parentId === undefined ? Number(id) : id;
  const [p, s] = id.split(".");
  return parentId !== undefined && p === parentId ? Number(s) : id;
}

/** The source's own dependency list still names exactly these tasks (it may spell siblings either way). */
function sameDeps(raw: unknown, ids: string[], parentId: string | undefined): boolean {
  if (!Array.isArray(raw)) return false;
  const named = raw.map((d) => dependencyTarget(d, parentId));
  return named.length === ids.length && named.every((d, i) => d === ids[i]);
}
