// Bringing a tracker's files (beads, Task Master, Backlog.md, Claude's task list) into a project, for any surface.
//
// The pure importers read the files, planTrackerImport decides per task against what the project holds (by the
// tracker's id), and this writes the plan through the store's ordinary task operations, so every created or
// changed task has its activity row and its events. A second import of the same files changes nothing.

import { fromBacklog } from "../domain/trackers/backlog";
import { fromBeads } from "../domain/trackers/beads";
import { fromClaudeTasks } from "../domain/trackers/claude-tasks";
import { storedTrackerKey, trackerKeyOf } from "../domain/trackers/keys";
import { TrackerInputError, type TrackerAccounting, type TrackerImport } from "../domain/trackers/model";
import { planTrackerImport, trackerImportSummary, type TrackedTask } from "../domain/trackers/plan-import";
import { fromTaskMaster } from "../domain/trackers/taskmaster";
import type { ExportRecord } from "../domain/export";
import { capText, DESCRIPTION_MAX } from "../domain/tasks";
import { StoreError, type TaskChange } from "../ports/store";
import { now, type UseCaseContext } from "./context";
import { AppError } from "./errors";
import { trackerImportInput } from "./inputs";
import { requireProject } from "./permissions";
import { oneChangePerTask, releaseHeldFor } from "./session-posts";
import { emitChanges } from "./task-events";

type Input = ReturnType<typeof trackerImportInput.parse>;

export interface TrackerImportResult {
  project: string;
  from: Input["from"];
  tasks: number;
  created: number;
  updated: number;
  unchanged: number;
  /** The importers' accounting, with what the hub itself refused (a cycle, a parent of another project) under skipped. */
  accounting: TrackerAccounting;
}

function read(input: Input): TrackerImport {
  try {
    switch (input.from) {
      case "beads":
        return fromBeads(input.files.map((f) => f.text).join("\n"));
      case "taskmaster":
        return fromTaskMaster(input.files[0].text);
      case "backlog":
        return fromBacklog(input.files);
      case "claude-tasks":
        if (!input.listId) throw new TrackerInputError("claude-tasks needs listId, the name of the list's folder");
        return fromClaudeTasks(input.listId, input.files.map((f) => ({ name: f.path, text: f.text })));
    }
  } catch (e) {
    if (e instanceof TrackerInputError) throw new AppError("invalid_request", e.message, { from: input.from });
    throw e;
  }
}

/** The project's tasks that came from a tracker, by the tracker's own id, as the planner compares them. */
function trackedTasks(records: ExportRecord[], projectId: string): Map<string, TrackedTask & { key: string; parent: string | null }> {
  const out = new Map<string, TrackedTask & { key: string; parent: string | null }>();
  for (const r of records) {
    if (r.type !== "task" || !r.externalKey) continue;
    const own = trackerKeyOf(r.externalKey);
    // A stored tracker key carries its project; one of another project (an NDJSON import) is not this project's.
    if (own !== r.externalKey && !r.externalKey.startsWith(`${projectId}/`)) continue;
    out.set(own, {
      id: r.key, key: r.key, externalKey: own, parent: r.parent ?? null,
      title: r.title, description: r.description, status: r.status, priority: r.priority, tags: r.tags,
      dueAt: r.dueAt, estimatedHours: r.estimatedHours, assigneeId: r.assigneeId,
    });
  }
  return out;
}

/** An import read, checked and decided, before anything is written: refusals (400, 403, 404) come from here. */
export interface PreparedTrackerImport {
  input: Input;
  project: { id: string; key: string };
  tasks: TrackerImport["tasks"];
  accounting: TrackerAccounting;
  records: ExportRecord[];
  existing: ReturnType<typeof trackedTasks>;
  plan: ReturnType<typeof planTrackerImport>;
}

export async function prepareTrackerImport(ctx: UseCaseContext, projectKey: string, body: unknown): Promise<PreparedTrackerImport> {
  const input = trackerImportInput.parse(body);
  const project = await requireProject(ctx, projectKey, "write");
  const { tasks, accounting } = read(input);
  const { store } = ctx.services;
  const records = await store.exportProject(project.key);
  const existing = trackedTasks(records, project.id);
  const members = await store.listMembers(project.key);
  const assigneeOf = (name: string) => members.find((m) => m.email.toLowerCase() === name.toLowerCase() || m.name === name)?.userId ?? null;
  return { input, project, tasks, accounting, records, existing, plan: planTrackerImport(tasks, existing, assigneeOf) };
}

/** How many writes an import may make, for a progress bar: each task, parent and dependency. */
export const trackerImportSteps = (p: PreparedTrackerImport) => p.plan.decisions.length + p.plan.parents.length + p.plan.dependencies.length;

/** Writes a prepared import; `progress` hears each step done (of trackerImportSteps). */
export async function applyTrackerImport(ctx: UseCaseContext, prepared: PreparedTrackerImport, progress: (done: number) => void = () => {}): Promise<TrackerImportResult> {
  const { input, project, tasks, accounting, records, existing, plan } = prepared;
  const { store } = ctx.services;
  let done = 0;
  const step = () => progress(++done);
  const at = now();
  const skip = (item: string, reason: string) => accounting.skipped.push({ item, reason });
  const keyOf = new Map([...existing].map(([k, t]) => [k, t.key]));
  const changes: TaskChange[] = [];
  const made: string[] = [];
  const byKey = new Map(tasks.map((t) => [t.externalKey, t]));
  let refused = 0;

  for (const d of plan.decisions) {
    step();
    if (d.op === "unchanged") continue;
    if (d.op === "update") {
      changes.push(await store.updateTask(d.taskId, d.fields, ctx.actor, at));
      continue;
    }
    const { status, ...fields } = d.fields;
    const externalKey = storedTrackerKey(project.id, d.externalKey);
    const task = await store.createTask(
      { projectKey: project.key, ...fields, imported: { tracker: input.from, externalKey, status } },
      ctx.actor,
      at,
    );
    if (!task) {
      refused++;
      skip(d.externalKey, "another project holds this id");
      continue;
    }
    keyOf.set(d.externalKey, task.key);
    made.push(externalKey);
    changes.push({ task, from: null });
    // Comments come with the task once; a later import does not repeat them.
    for (const c of byKey.get(d.externalKey)?.comments ?? []) {
      const body = capText(`${c.author ? `${c.author}${c.at ? ` (${c.at})` : ""}: ` : ""}${c.body}`, DESCRIPTION_MAX);
      if (body.trim()) await store.addComment(task.key, body, ctx.actor, at);
    }
  }

  for (const p of plan.parents) {
    step();
    const child = keyOf.get(p.externalKey);
    const parent = keyOf.get(p.parentExternalKey);
    if (!child || !parent || existing.get(p.externalKey)?.parent === parent) continue;
    try {
      changes.push(await store.updateTask(child, { parent }, ctx.actor, at));
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      skip(`${p.externalKey} → parent ${p.parentExternalKey}`, e.message);
    }
  }

  const known = new Set(records.flatMap((r) => (r.type === "dependency" ? [`${r.task}>${r.dependsOn}`] : [])));
  for (const dep of plan.dependencies) {
    step();
    const task = keyOf.get(dep.externalKey);
    const blocker = keyOf.get(dep.dependsOnExternalKey);
    if (!task || !blocker || known.has(`${task}>${blocker}`)) continue;
    try {
      await store.addDependency(task, blocker, ctx.actor, at);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      skip(`${dep.externalKey} → depends on ${dep.dependsOnExternalKey}`, e.message);
    }
  }

  // A session's update of a task it had not seen created waits for it (domain/held-intents.ts); the import made it.
  changes.push(...(await releaseHeldFor(store, project.id, made)));
  await emitChanges(ctx.services, oneChangePerTask(changes));
  accounting.unresolved.push(...plan.unresolved.filter((u) => !accounting.unresolved.some((a) => a.from === u.from && a.to === u.to && a.kind === u.kind)));
  const summary = trackerImportSummary(plan);
  return { project: project.key, from: input.from, ...summary, created: summary.created - refused, accounting };
}
