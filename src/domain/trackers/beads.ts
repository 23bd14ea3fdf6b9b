// beads (`.beads/issues.jsonl`): one issue per line, read into TrackerTasks and written back.
import type { Priority, TaskStatus } from "../tasks";
import {
  Accountant,
  COMMENTS_MAX,
  DESCRIPTION_MAX,
  EDGES_MAX,
  ID_MAX,
  TITLE_MAX,
  checkSize,
  isRecord,
  isoTime,
  keepIfSame,
  rest,
  sourceMeta,
  uniqueTags,
  type TrackerImport,
  type TrackerLink,
  type TrackerTask,
} from "./model";

export const BEADS = "beads";
const KEY_PREFIX = "beads:";

/** Held by the model itself; everything else on an issue stays in `metadata.beads` as it was. */
const MODELLED = ["title", "description", "assignee", "labels", "estimated_minutes"] as const;

/** The statuses beads stores, as ours. */
export const BEADS_STATUS: Record<string, TaskStatus> = {
  open: "todo",
  in_progress: "in_progress",
  blocked: "todo", // its blockers say why; the word itself stays in metadata
  deferred: "todo",
  pinned: "todo",
  hooked: "in_progress", // attached to an agent's hook: someone is on it
  closed: "completed",
};
const EXACT_STATUS = new Set(["open", "in_progress", "closed"]);
/** beads priorities run 0 (critical) to 4 (backlog). */
export const BEADS_PRIORITY: Priority[] = ["urgent", "high", "medium", "low", "low"]; // P0 … P4
const PRIORITY_OUT: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };
const STATUS_OUT: Record<TaskStatus, string> = { todo: "open", in_progress: "in_progress", review: "in_progress", completed: "closed", cancelled: "closed" };
/** The issue type becomes a tag, except the default one. */
const PLAIN_TYPE = "task";

export const beadsKey = (id: string) => `${KEY_PREFIX}${id}`;

function readStatus(raw: unknown): TaskStatus {
  return (typeof raw === "string" && BEADS_STATUS[raw]) || "todo";
}

function readPriority(raw: unknown): Priority | undefined {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^[Pp]?[0-4]$/.test(raw) ? Number(raw.slice(-1)) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 4 ? BEADS_PRIORITY[n] : undefined;
}

/** How a dependency type lands in the model. */
function edgeRole(type: string): "dependency" | "parent" | "link" {
  return type === "blocks" ? "dependency" : type === "parent-child" ? "parent" : "link";
}

export function fromBeads(text: string): TrackerImport {
  checkSize(text, "issues.jsonl");
  const acct = new Accountant();
  const tasks: TrackerTask[] = [];
  const seen = new Set<string>();
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (!line) continue;
    let issue: unknown;
    try {
      issue = JSON.parse(line);
    } catch {
      acct.skip(`line ${n + 1}`, "not JSON");
      continue;
    }
    if (!isRecord(issue) || typeof issue.id !== "string" || !issue.id || issue.id.length > ID_MAX) {
      acct.skip(`line ${n + 1}`, "no issue id");
      continue;
    }
    const key = beadsKey(issue.id);
    const status = typeof issue.status === "string" ? issue.status.slice(0, ID_MAX) : "";
    if (status === "tombstone") {
      acct.count("statuses", status, "skipped: a deleted issue");
      acct.skip(key, `deleted${issue.deleted_at ? ` at ${issue.deleted_at}` : ""}${issue.delete_reason ? `: ${String(issue.delete_reason).slice(0, 200)}` : ""}`);
      continue;
    }
    if (seen.has(key)) {
      acct.skip(`line ${n + 1}`, `${key} appears again; the first line was kept`);
      continue;
    }
    seen.add(key);
    tasks.push(readIssue(issue, key, status, acct));
  }
  return acct.result(tasks);
}

function readIssue(issue: Record<string, unknown>, key: string, status: string, acct: Accountant): TrackerTask {
  const mapped = readStatus(status);
  if (status) acct.count("statuses", status, EXACT_STATUS.has(status) ? `status ${mapped}` : `status ${mapped}; "${status}" kept in metadata`);
  let priority = readPriority(issue.priority);
  if (issue.priority !== undefined) {
    const p = String(issue.priority).slice(0, ID_MAX);
    acct.count("priorities", p, priority ? `priority ${priority}${p === "4" ? '; "4" kept in metadata' : ""}` : 'priority medium; kept in metadata');
  }
  priority ??= "medium";
  const type = typeof issue.issue_type === "string" ? issue.issue_type.slice(0, ID_MAX) : undefined;
  if (type) acct.count("types", type, type === PLAIN_TYPE ? "kept in metadata" : `tag ${type}; kept in metadata`);

  const labels = Array.isArray(issue.labels) ? issue.labels : [];
  const task: TrackerTask = {
    externalKey: key,
    title: acct.text(issue.title, TITLE_MAX, key, "title"),
    description: acct.text(issue.description, DESCRIPTION_MAX, key, "description"),
    status: mapped,
    priority,
    tags: uniqueTags(type && type !== PLAIN_TYPE ? [...labels, type] : labels, acct, key),
    dependsOn: [],
    links: [],
    comments: [],
    metadata: { [BEADS]: rest(issue, MODELLED, acct, key) },
  };
  if (typeof issue.assignee === "string" && issue.assignee) task.assignee = issue.assignee.slice(0, ID_MAX);
  if (typeof issue.estimated_minutes === "number" && Number.isFinite(issue.estimated_minutes)) task.estimatedMinutes = issue.estimated_minutes;
  const times = { dueAt: issue.due_at, createdAt: issue.created_at, updatedAt: issue.updated_at, completedAt: issue.closed_at };
  for (const [field, raw] of Object.entries(times)) {
    const at = isoTime(raw);
    if (at) task[field as "dueAt"] = at;
  }
  readEdges(issue, task, acct);
  if (Array.isArray(issue.comments)) {
    for (const c of issue.comments.slice(0, COMMENTS_MAX)) {
      if (!isRecord(c)) continue;
      const comment: TrackerTask["comments"][number] = { body: acct.text(c.text, DESCRIPTION_MAX, key, "comment") };
      if (typeof c.author === "string") comment.author = c.author.slice(0, ID_MAX);
      const at = isoTime(c.created_at);
      if (at) comment.at = at;
      task.comments.push(comment);
    }
  }
  return task;
}

/** Dependencies live on the dependent issue: `issue_id` waits for, is a child of, or relates to `depends_on_id`. */
function readEdges(issue: Record<string, unknown>, task: TrackerTask, acct: Accountant): void {
  if (!Array.isArray(issue.dependencies)) return;
  for (const d of issue.dependencies.slice(0, EDGES_MAX)) {
    if (!isRecord(d) || typeof d.depends_on_id !== "string" || !d.depends_on_id || d.depends_on_id.length > ID_MAX) continue;
    const type = typeof d.type === "string" && d.type ? d.type.slice(0, ID_MAX) : "blocks";
    const target = beadsKey(d.depends_on_id);
    const role = edgeRole(type);
    if (role === "dependency") {
      acct.count("linkKinds", type, "dependency");
      if (!task.dependsOn.includes(target)) task.dependsOn.push(target);
    } else if (role === "parent" && !task.parentExternalKey) {
      acct.count("linkKinds", type, "parent (the issue is a subtask)");
      task.parentExternalKey = target;
    } else {
      acct.count("linkKinds", type, role === "parent" ? `link ${type} (a second parent)` : `link ${type}`);
      task.links.push({ kind: type, targetExternalKey: target });
    }
  }
}

/** Writes tasks as issues.jsonl; a task that came from beads gets its own fields back where the model has not changed them. */
export function toBeads(tasks: TrackerTask[]): string {
  const idOf = (key: string) => (key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : key.replaceAll(":", "-"));
  return tasks.map((t) => `${JSON.stringify(writeIssue(t, idOf))}\n`).join("");
}

function writeIssue(t: TrackerTask, idOf: (key: string) => string): Record<string, unknown> {
  const m = sourceMeta(t, BEADS);
  const id = idOf(t.externalKey);
  const type = typeof m.issue_type === "string" ? m.issue_type : PLAIN_TYPE;
  const out: Record<string, unknown> = { id, title: t.title };
  if (t.description) out.description = t.description;
  Object.assign(out, m, { id });
  out.status = keepIfSame(m.status, t.status, readStatus, STATUS_OUT[t.status]);
  if (t.status === "cancelled" && m.status === undefined) out.close_reason = "cancelled";
  out.priority = keepIfSame(m.priority, t.priority, readPriority, PRIORITY_OUT[t.priority]);
  out.issue_type = type;
  if (t.assignee) out.assignee = t.assignee;
  const labels = t.tags.filter((tag) => !(type !== PLAIN_TYPE && tag === type));
  if (labels.length) out.labels = labels;
  if (t.estimatedMinutes !== undefined) out.estimated_minutes = t.estimatedMinutes;
  const times = { due_at: t.dueAt, created_at: t.createdAt, updated_at: t.updatedAt, closed_at: t.completedAt };
  for (const [field, at] of Object.entries(times)) {
    const v = keepIfSame(m[field], at, isoTime);
    if (v === undefined) delete out[field];
    else out[field] = v;
  }
  const deps = writeEdges(t, id, m.dependencies, idOf);
  if (deps.length) out.dependencies = deps;
  else delete out.dependencies;
  const comments = writeComments(t, id, m.comments);
  if (comments.length) out.comments = comments;
  else delete out.comments;
  return out;
}

function writeEdges(t: TrackerTask, id: string, raw: unknown, idOf: (key: string) => string): Record<string, unknown>[] {
  const wanted: TrackerLink[] = [
    ...t.dependsOn.map((k) => ({ kind: "blocks", targetExternalKey: k })),
    ...(t.parentExternalKey ? [{ kind: "parent-child", targetExternalKey: t.parentExternalKey }] : []),
    ...t.links,
  ].map((l) => ({ kind: l.kind, targetExternalKey: idOf(l.targetExternalKey) }));
  const before = (Array.isArray(raw) ? raw : []).filter(isRecord);
  const same = (e: Record<string, unknown>, l: TrackerLink) => e.depends_on_id === l.targetExternalKey && (e.type ?? "blocks") === l.kind;
  // The source's order and each edge's own fields (created_at, created_by) survive; new edges follow.
  const kept = before.filter((e) => wanted.some((l) => same(e, l)));
  const added = wanted.filter((l) => !kept.some((e) => same(e, l))).map((l) => ({ issue_id: id, depends_on_id: l.targetExternalKey, type: l.kind }));
  return [...kept, ...added];
}

function writeComments(t: TrackerTask, id: string, raw: unknown): Record<string, unknown>[] {
  const before = (Array.isArray(raw) ? raw : []).filter(isRecord);
  let nextId = before.reduce((n, c) => (typeof c.id === "number" && c.id >= n ? c.id + 1 : n), 1);
  return t.comments.map((c, i) => {
    const was = before[i];
    if (was && was.text === c.body && was.author === c.author && isoTime(was.created_at) === c.at) return was;
    const out: Record<string, unknown> = { id: nextId++, issue_id: id, author: c.author, text: c.body };
    if (c.at) out.created_at = c.at;
    return out;
  });
}
