// A project as NDJSON records (GET /api/export, POST /api/import): the schema and the checks before an import.

import { z } from "zod";
import { ACTIVITY_ACTIONS, type Activity } from "./activity";
import { LINK_KINDS } from "./links";
import { PROJECT_KEY_PATTERN, PROJECT_STATUSES, type Project } from "./projects";
import { TIME_SOURCES } from "./task-records";
import { PRIORITIES, TASK_STATUSES, TITLE_MAX, DESCRIPTION_MAX, parseTaskKey, type Task } from "./tasks";

const text = (max: number) => z.string().max(max);
const at = z.string().min(1).max(40);

export const vExportRecord = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("project"),
    key: z.string().regex(PROJECT_KEY_PATTERN),
    name: text(200).min(1),
    description: text(DESCRIPTION_MAX).nullable(),
    status: z.enum(PROJECT_STATUSES),
    repos: z.array(z.string()).max(50),
    paths: z.array(z.string()).max(50),
    settings: z.record(z.string(), z.unknown()),
    createdAt: at,
  }),
  z.object({
    type: z.literal("task"),
    key: z.string(),
    title: text(TITLE_MAX).min(1),
    description: text(DESCRIPTION_MAX).nullable(),
    status: z.enum(TASK_STATUSES),
    priority: z.enum(PRIORITIES),
    assigneeId: z.string().nullable(),
    creatorId: z.string().nullable(),
    dueAt: at.nullable(),
    tags: z.array(text(50)).max(20),
    estimatedHours: z.number().nullable(),
    source: z.object({ kind: z.string(), ref: z.string().optional() }),
    externalKey: z.string().nullable(),
    /** The parent task's key (same project); older exports have none. */
    parent: z.string().nullable().optional(),
    createdAt: at,
    updatedAt: at,
    completedAt: at.nullable(),
  }),
  z.object({ type: z.literal("dependency"), task: z.string(), dependsOn: z.string(), createdAt: at }),
  z.object({ type: z.literal("comment"), task: z.string(), author: z.string(), body: text(DESCRIPTION_MAX), createdAt: at }),
  z.object({
    type: z.literal("time"),
    task: z.string(),
    userId: z.string().nullable(),
    minutes: z.number().int().positive(),
    source: z.enum(TIME_SOURCES),
    ref: z.string().nullable(),
    createdAt: at,
  }),
  z.object({
    type: z.literal("link"),
    task: z.string(),
    kind: z.enum(LINK_KINDS),
    ref: z.string(),
    url: z.string().nullable(),
    state: z.string().nullable(),
    title: z.string().nullable(),
    createdAt: at,
  }),
  z.object({
    type: z.literal("activity"),
    task: z.string().nullable(),
    at,
    actor: z.string(),
    action: z.enum(ACTIVITY_ACTIONS),
    data: z.record(z.string(), z.unknown()),
  }),
]);

export type ExportRecord = z.infer<typeof vExportRecord>;
export type RecordOf<T extends ExportRecord["type"]> = Extract<ExportRecord, { type: T }>;

// What both stores export a project's rows as: one mapping each, so the two files cannot drift apart.

export const projectRecord = (p: Project): RecordOf<"project"> => ({
  type: "project", key: p.key, name: p.name, description: p.description, status: p.status, repos: p.repos, paths: p.paths, settings: p.settings,
  createdAt: p.createdAt,
});

/** `keyOf`: a task id of the project to its key, for the parent. */
export const taskRecord = (t: Task, keyOf: (id: string) => string | undefined): RecordOf<"task"> => ({
  type: "task", key: t.key, title: t.title, description: t.description, status: t.status, priority: t.priority, assigneeId: t.assigneeId,
  creatorId: t.creatorId, dueAt: t.dueAt, tags: t.tags, estimatedHours: t.estimatedHours, source: t.source, externalKey: t.externalKey,
  parent: (t.parentId && keyOf(t.parentId)) || null, createdAt: t.createdAt, updatedAt: t.updatedAt, completedAt: t.completedAt,
});

/** `task`: the key of the row's task; null for a project's row or a deleted task's (the log keeps it, the file cannot point at it). */
export const activityRecord = (a: Activity, task: string | null): RecordOf<"activity"> => ({
  type: "activity", task, at: a.at, actor: a.actor, action: a.action, data: a.data,
});

export class ImportError extends Error {
  constructor(message: string, readonly line: number | null = null) {
    super(message);
  }
}

/** Parses NDJSON text; blank lines are skipped, a bad line names its number. */
export function parseNdjson(body: string): ExportRecord[] {
  const out: ExportRecord[] = [];
  body.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ImportError(`line ${i + 1} is not JSON`, i + 1);
    }
    const r = vExportRecord.safeParse(value);
    if (!r.success) throw new ImportError(`line ${i + 1}: ${r.error.issues[0]?.path.join(".")} ${r.error.issues[0]?.message}`, i + 1);
    out.push(r.data);
  });
  return out;
}

export interface ImportPlan {
  project: RecordOf<"project">;
  tasks: (RecordOf<"task"> & { number: number })[];
  rest: Exclude<ExportRecord, { type: "project" | "task" }>[];
}

/** One project record, tasks of that project with unique numbers, and everything else pointing at those tasks. */
export function planImport(records: ExportRecord[]): ImportPlan {
  const projects = records.filter((r): r is RecordOf<"project"> => r.type === "project");
  if (projects.length !== 1) throw new ImportError(`expected exactly one project record, found ${projects.length}`);
  const project = projects[0];
  const numbers = new Set<number>();
  const tasks = records
    .filter((r): r is RecordOf<"task"> => r.type === "task")
    .map((t) => {
      const k = parseTaskKey(t.key);
      if (!k || k.projectKey !== project.key) throw new ImportError(`task ${t.key} is not a key of project ${project.key}`);
      if (numbers.has(k.number)) throw new ImportError(`task ${t.key} appears twice`);
      numbers.add(k.number);
      return { ...t, key: `${k.projectKey}-${k.number}`, number: k.number };
    });
  const known = new Set(tasks.map((t) => t.key));
  for (const t of tasks) if (t.parent && !known.has(t.parent.toUpperCase())) throw new ImportError(`task ${t.key} has unknown parent ${t.parent}`);
  const rest = records.filter((r): r is ImportPlan["rest"][number] => r.type !== "project" && r.type !== "task");
  for (const r of rest) {
    const refs = r.type === "dependency" ? [r.task, r.dependsOn] : r.task === null ? [] : [r.task];
    for (const ref of refs) if (!known.has(ref.toUpperCase())) throw new ImportError(`${r.type} refers to unknown task ${ref}`);
  }
  return { project, tasks, rest };
}

/** The same records under another project key (importing a copy next to the original). */
export function rekey(records: ExportRecord[], key: string): ExportRecord[] {
  const move = (k: string) => k.replace(/^[^-]+-/, `${key}-`);
  return records.map((r) => {
    switch (r.type) {
      case "project":
        return { ...r, key };
      case "task":
        return { ...r, key: move(r.key), ...(r.parent ? { parent: move(r.parent) } : {}) };
      case "dependency":
        return { ...r, task: move(r.task), dependsOn: move(r.dependsOn) };
      case "activity":
        return { ...r, task: r.task === null ? null : move(r.task) };
      default:
        return { ...r, task: move(r.task) };
    }
  });
}
