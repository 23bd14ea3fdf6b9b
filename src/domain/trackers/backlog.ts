// Backlog.md (`backlog/tasks/*.md`: front matter and marked sections) read into TrackerTasks and written back as files.
import type { Priority, TaskStatus } from "../tasks";
import { parseYaml, splitFrontMatter, writeFrontMatter, type FrontMatter, type YamlValue } from "./front-matter";
import {
  Accountant,
  DESCRIPTION_MAX,
  EDGES_MAX,
  ID_MAX,
  TEXT_MAX,
  TITLE_MAX,
  checkSize,
  isRecord,
  isoTime,
  keepIfSame,
  rest,
  sourceMeta,
  uniqueTags,
  type TrackerImport,
  type TrackerTask,
} from "./model";

export const BACKLOG = "backlog";
const KEY_PREFIX = "backlog:";

export interface TrackerFile {
  path: string;
  text: string;
}

export interface ChecklistItem {
  checked: boolean;
  text: string;
  depth: number;
}

const STATUS: Record<string, TaskStatus> = {
  "to do": "todo",
  todo: "todo",
  backlog: "todo",
  draft: "todo",
  "in progress": "in_progress",
  doing: "in_progress",
  review: "review",
  "in review": "review",
  done: "completed",
  completed: "completed",
  cancelled: "cancelled",
  canceled: "cancelled",
};
const EXACT_STATUS = new Set(["to do", "in progress", "in review", "review", "done", "cancelled", "canceled"]);
const STATUS_OUT: Record<TaskStatus, string> = { todo: "To Do", in_progress: "In Progress", review: "In Review", completed: "Done", cancelled: "Cancelled" };
const PRIORITY: Record<string, Priority> = { low: "low", medium: "medium", high: "high", urgent: "urgent", critical: "urgent" };
const NOT_TASKS = /(?:^|\/)(?:docs|decisions)\//;
const ARCHIVED = /(?:^|\/)archive\//;

/** Backlog writes `task-42` and `TASK-42` for the same task; keys use the lower case. */
export const backlogKey = (id: string) => `${KEY_PREFIX}${id.toLowerCase()}`;

const readStatus = (raw: unknown): TaskStatus => (typeof raw === "string" && STATUS[raw.trim().toLowerCase()]) || "todo";
const readPriority = (raw: unknown): Priority | undefined => (typeof raw === "string" ? PRIORITY[raw.trim().toLowerCase()] : undefined);
const str = (v: YamlValue | undefined): string | undefined => (typeof v === "string" && v ? v : undefined);
const list = (v: YamlValue | undefined): string[] => (Array.isArray(v) ? v : typeof v === "string" && v ? [v] : []);

/** Backlog's dates are `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` without a zone: read as UTC, whatever the machine's zone. */
function readDate(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw.length > 64) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(raw.trim());
  if (!m) return isoTime(raw);
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function fromBacklog(files: TrackerFile[]): TrackerImport {
  const acct = new Accountant();
  const config = files.find((f) => /(?:^|\/)config\.ya?ml$/.test(f.path));
  if (config) checkSize(config.text, config.path);
  const defaultStatus = config ? str(parseYaml(config.text).default_status) : undefined;
  const tasks: TrackerTask[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    if (f === config) continue;
    if (!f.path.endsWith(".md")) {
      acct.skip(f.path, "not a markdown task file");
      continue;
    }
    if (NOT_TASKS.test(f.path)) {
      acct.skip(f.path, "a document or decision, not a task");
      continue;
    }
    if (ARCHIVED.test(f.path)) {
      acct.skip(f.path, "archived: removed from the board");
      continue;
    }
    checkSize(f.text, f.path);
    const { data, raw, body } = splitFrontMatter(f.text);
    const id = str(data.id);
    if (!id || id.length > ID_MAX) {
      acct.skip(f.path, "no id in the front matter");
      continue;
    }
    const key = backlogKey(id);
    if (seen.has(key)) {
      acct.skip(f.path, `${key} appears in another file too; the first was kept`);
      continue;
    }
    seen.add(key);
    tasks.push(readTask(f.path, { data, raw, body }, key, defaultStatus, acct));
  }
  return acct.result(tasks);
}

function readTask(path: string, { data, raw, body }: FrontMatter, key: string, defaultStatus: string | undefined, acct: Accountant): TrackerTask {
  const status = str(data.status)?.slice(0, ID_MAX) ?? defaultStatus;
  const mapped = readStatus(status);
  if (status) acct.count("statuses", status, EXACT_STATUS.has(status.toLowerCase()) ? `status ${mapped}` : `status ${mapped}; "${status}" kept in metadata`);
  const rawPriority = str(data.priority)?.slice(0, ID_MAX);
  const priority = readPriority(rawPriority);
  if (rawPriority) acct.count("priorities", rawPriority, priority ? `priority ${priority}` : "priority medium; kept in metadata");
  const text = acct.text(body, TEXT_MAX, key, "body");
  const sections = splitSections(text);
  const task: TrackerTask = {
    externalKey: key,
    title: acct.text(str(data.title), TITLE_MAX, key, "title"),
    description: acct.text(description(sections), DESCRIPTION_MAX, key, "description"),
    status: mapped,
    priority: priority ?? "medium",
    tags: uniqueTags(list(data.labels), acct, key),
    dependsOn: [],
    links: [],
    comments: [],
    metadata: {
      [BACKLOG]: {
        path,
        frontMatter: rest(data, [], acct, key),
        frontMatterText: acct.text(raw, TEXT_MAX, key, "front matter"),
        body: text,
        acceptanceCriteria: checklist(section(sections, /^acceptance criteria$/i)),
        definitionOfDone: checklist(section(sections, /^definition of done$/i)),
        implementationPlan: inner(section(sections, /^implementation plan$/i)),
        implementationNotes: inner(section(sections, /^implementation notes$/i)),
      },
    },
  };
  const assignees = list(data.assignee);
  if (assignees[0]) task.assignee = assignees[0].slice(0, ID_MAX);
  for (const d of list(data.dependencies).slice(0, EDGES_MAX)) {
    acct.count("linkKinds", "dependencies", "dependency");
    if (d && d.length <= ID_MAX && !task.dependsOn.includes(backlogKey(d))) task.dependsOn.push(backlogKey(d));
  }
  const parent = str(data.parent_task_id) ?? str(data.parent);
  if (parent && parent.length <= ID_MAX) {
    acct.count("linkKinds", "parent_task_id", "parent (the task is a subtask)");
    task.parentExternalKey = backlogKey(parent);
  }
  const times = { dueAt: data.due_date, createdAt: data.created_date, updatedAt: data.updated_date };
  for (const [field, raw] of Object.entries(times)) {
    const at = readDate(raw);
    if (at) task[field as "dueAt"] = at;
  }
  return task;
}

const MARKER = /^<!-- [A-Z:]+:(BEGIN|END) -->$/;

interface Section {
  heading: string | null; // null: what comes before the first heading
  lines: string[]; // the heading line included
}

/** Splits the body at `## ` headings, not at ones inside code fences or inside Backlog's BEGIN/END markers. */
function splitSections(body: string): Section[] {
  const out: Section[] = [{ heading: null, lines: [] }];
  let fenced = false;
  let marked = false;
  for (const line of body.split("\n")) {
    if (line.trimStart().startsWith("```")) fenced = !fenced;
    const marker = MARKER.exec(line.trim());
    if (marker) marked = marker[1] === "BEGIN";
    if (!fenced && !marked && line.startsWith("## ")) out.push({ heading: line.slice(3).trim(), lines: [line] });
    else out[out.length - 1].lines.push(line);
  }
  return out;
}

function section(sections: Section[], name: RegExp): Section | undefined {
  return sections.find((s) => s.heading !== null && name.test(s.heading));
}

/** A section's text without its heading and without Backlog's `<!-- …:BEGIN/END -->` markers. */
function inner(s: Section | undefined): string | undefined {
  if (!s) return undefined;
  return s.lines
    .slice(1)
    .filter((l) => !MARKER.test(l.trim()))
    .join("\n")
    .trim();
}

const description = (sections: Section[]) => inner(section(sections, /^description$/i)) ?? "";

function checklist(s: Section | undefined): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const line of s?.lines ?? []) {
    const m = /^(\s*)[-*] \[([ xX])\] (.*)$/.exec(line);
    if (m) items.push({ checked: m[2] !== " ", text: m[3].replace(/^#\d+ /, ""), depth: Math.floor(m[1].length / 2) });
  }
  return items;
}

/** Writes each task as a Backlog.md file; one that came from Backlog keeps its path, front matter and sections. */
export function toBacklog(tasks: TrackerTask[]): TrackerFile[] {
  const idOf = (key: string) => (key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : key.replaceAll(":", "-"));
  return tasks.map((t) => {
    const m = sourceMeta(t, BACKLOG);
    const fm: Record<string, YamlValue> = isRecord(m.frontMatter) ? { ...(m.frontMatter as Record<string, YamlValue>) } : {};
    const rawId = str(fm.id);
    const id = rawId && backlogKey(rawId) === t.externalKey ? rawId : idOf(t.externalKey);
    const out: Record<string, YamlValue> = { id, title: t.title, ...fm };
    out.id = id;
    out.title = t.title;
    out.status = keepIfSame(fm.status, t.status, readStatus, STATUS_OUT[t.status]) as string;
    out.assignee = list(fm.assignee)[0] === t.assignee ? (fm.assignee ?? []) : t.assignee ? [t.assignee] : [];
    out.labels = sameList(fm.labels, t.tags, (x) => x) ? (fm.labels ?? []) : t.tags;
    out.dependencies = sameList(fm.dependencies, t.dependsOn, backlogKey) ? (fm.dependencies ?? []) : t.dependsOn.map(idOf);
    setOrDrop(out, "parent_task_id", keepIfSame(fm.parent_task_id, t.parentExternalKey, (v) => (typeof v === "string" ? backlogKey(v) : undefined), t.parentExternalKey && idOf(t.parentExternalKey)));
    if (fm.parent !== undefined) delete out.parent_task_id;
    if (fm.priority !== undefined || t.priority !== "medium") out.priority = keepIfSame(fm.priority, t.priority, readPriority, t.priority) as string;
    setOrDrop(out, "created_date", keepIfSame(fm.created_date, t.createdAt, readDate, t.createdAt && writeDate(t.createdAt)));
    setOrDrop(out, "updated_date", keepIfSame(fm.updated_date, t.updatedAt, readDate, t.updatedAt && writeDate(t.updatedAt)));
    setOrDrop(out, "due_date", keepIfSame(fm.due_date, t.dueAt, readDate, t.dueAt && writeDate(t.dueAt)));
    const body = typeof m.body === "string" ? m.body : "";
    const path = typeof m.path === "string" ? m.path : `tasks/${id} - ${t.title.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 80)}.md`;
    // Unchanged front matter is written as it was (folded titles, flow lists), else in one plain style.
    const head = typeof m.frontMatterText === "string" && JSON.stringify(out) === JSON.stringify(fm) ? m.frontMatterText : writeFrontMatter(out);
    return { path, text: `${head}\n${withDescription(body, t.description)}` };
  });
}

function sameList(raw: YamlValue | undefined, now: string[], read: (s: string) => string): boolean {
  const was = list(raw);
  return was.length === now.length && was.every((v, i) => read(v) === now[i]);
}

function setOrDrop(out: Record<string, YamlValue>, key: string, v: unknown): void {
  if (typeof v === "string" && v) out[key] = v;
  else delete out[key];
}

/** `YYYY-MM-DD HH:MM`, or the date alone at midnight, as Backlog writes them; ISO when seconds matter. */
function writeDate(iso: string): string {
  const [date, time] = iso.split("T");
  if (!time.startsWith("00:00:00.000")) return time.slice(5, 12) === ":00.000" ? `${date} ${time.slice(0, 5)}` : iso;
  return date;
}

/** The body with its Description section saying `text` (kept byte for byte when it already does). */
function withDescription(body: string, text: string): string {
  const sections = splitSections(body);
  if (description(sections) === text) return body;
  const lines = ["## Description", "", "<!-- SECTION:DESCRIPTION:BEGIN -->", text, "<!-- SECTION:DESCRIPTION:END -->", ""];
  const at = sections.findIndex((s) => s.heading !== null && /^description$/i.test(s.heading));
  if (at >= 0) sections[at] = { heading: "Description", lines };
  else sections.splice(1, 0, { heading: "Description", lines });
  return sections.map((s) => s.lines.join("\n")).join("\n");
}
