// A project out as records and back in (src/domain/export.ts plans the import): export reads it all, import writes it in one mutation.

import { ConvexError, type Infer } from "convex/values";
import { activityRecord, ImportError, planImport, projectRecord, taskRecord, type ExportRecord } from "../../src/domain/export";
import { normalizeRepo } from "../../src/domain/projects";
import { normalizeTitle, SOURCE_KINDS } from "../../src/domain/tasks";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { writeActivity } from "./activity";
import { toActivity, toProject, toTask } from "./docs";
import { storeError } from "./errors";
import { setProjectRepos } from "./projects";
import { projectByKey, searchText, taskByExternalKey } from "./tasks";
import { userDoc } from "./people";
import type { vExportRecord } from "../validators";

/** What one export reads at most: a function may read a few tens of thousands of documents in all. */
const EXPORT_TASKS = 2000;
const EXPORT_ROWS_PER_TASK = 200;
const EXPORT_ACTIVITY = 8000;

type Rec = Infer<typeof vExportRecord>;
const keyOf = (t: Doc<"tasks">) => `${t.projectKey}-${t.number}`;
const byCreatedAt = <T extends { createdAt: string }>(xs: T[]) => xs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));

export async function exportProject(ctx: QueryCtx, projectKey: string): Promise<Rec[]> {
  const doc = await projectByKey(ctx, projectKey);
  if (!doc) throw storeError("not_found", `Project ${projectKey} not found`);
  const tasks = await ctx.db.query("tasks").withIndex("by_projectId_number", (q) => q.eq("projectId", doc._id)).take(EXPORT_TASKS);
  const keys = new Map(tasks.map((t) => [t._id as string, keyOf(t)]));
  const deps: Rec[] = [];
  const comments: Extract<Rec, { type: "comment" }>[] = [];
  const time: Extract<Rec, { type: "time" }>[] = [];
  const links: Extract<Rec, { type: "link" }>[] = [];
  for (const t of tasks) {
    const task = keyOf(t);
    // Only edges within the project: an import cannot point at another project's tasks.
    for (const d of await ctx.db.query("dependencies").withIndex("by_taskId_dependsOnId", (q) => q.eq("taskId", t._id)).take(EXPORT_ROWS_PER_TASK)) {
      const dependsOn = keys.get(d.dependsOnId);
      if (dependsOn) deps.push({ type: "dependency", task, dependsOn, createdAt: d.createdAt });
    }
    for (const c of await ctx.db.query("comments").withIndex("by_taskId_createdAt", (q) => q.eq("taskId", t._id)).take(EXPORT_ROWS_PER_TASK)) comments.push({ type: "comment", task, author: c.author, body: c.body, createdAt: c.createdAt });
    for (const e of await ctx.db.query("timeEntries").withIndex("by_taskId", (q) => q.eq("taskId", t._id)).take(EXPORT_ROWS_PER_TASK)) {
      time.push({ type: "time", task, userId: e.userId, minutes: e.minutes, source: e.source, ref: e.ref, createdAt: e.createdAt });
    }
    for (const l of await ctx.db.query("links").withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", t._id)).take(EXPORT_ROWS_PER_TASK)) {
      links.push({ type: "link", task, kind: l.kind, ref: l.ref, url: l.url, state: l.state, title: l.title, createdAt: l.createdAt });
    }
  }
  const activity = await ctx.db.query("activity").withIndex("by_projectId_seq", (q) => q.eq("projectId", doc._id)).take(EXPORT_ACTIVITY);
  return [
    projectRecord(toProject(doc)),
    ...tasks.map(toTask).map((t) => taskRecord(t, (id) => keys.get(id))),
    ...deps,
    ...byCreatedAt(comments),
    ...byCreatedAt(time),
    ...byCreatedAt(links),
    ...activity.map(toActivity).map((a) => activityRecord(a, (a.taskId && keys.get(a.taskId)) || null)),
  ];
}

/** planImport's refusal crosses the wire with its line; the adapter turns it back into an ImportError. */
function plan(records: Rec[]) {
  try {
    return planImport(records as ExportRecord[]);
  } catch (e) {
    if (e instanceof ImportError) throw new ConvexError({ code: "invalid_import", message: e.message, line: e.line });
    throw e;
  }
}

/** Loads an export into a project that has no tasks (created when missing): one mutation, so all of it or none. */
export async function importProject(ctx: MutationCtx, records: Rec[], actor: string, at: string) {
  const { project: p, tasks, rest } = plan(records);
  const existing = await projectByKey(ctx, p.key);
  if (existing && (await ctx.db.query("tasks").withIndex("by_projectId_number", (q) => q.eq("projectId", existing._id)).first())) {
    throw storeError("conflict", `Project ${p.key} already has tasks; import needs an empty project`);
  }
  let projectId: Id<"projects">;
  if (existing) projectId = existing._id;
  else {
    const repos = [...new Set(p.repos.map(normalizeRepo))];
    projectId = await ctx.db.insert("projects", {
      key: p.key, name: p.name, description: p.description, status: p.status, repos, paths: p.paths, settings: p.settings, createdAt: p.createdAt, updatedAt: at,
    });
    await setProjectRepos(ctx, projectId, repos);
  }
  const ids = new Map<string, Id<"tasks">>();
  for (const t of tasks) {
    // An assignee this hub does not know is dropped; an external key already used here (the same project imported twice) too.
    const assignee = t.assigneeId ? await userDoc(ctx, t.assigneeId) : null;
    const taken = t.externalKey ? await taskByExternalKey(ctx, t.externalKey) : null;
    const kind = SOURCE_KINDS.find((k) => k === t.source.kind) ?? "import";
    ids.set(t.key, await ctx.db.insert("tasks", {
      projectId, projectKey: p.key, number: t.number, title: t.title, titleNorm: normalizeTitle(t.title), searchText: searchText(t.title, t.description), description: t.description, status: t.status,
      priority: t.priority, assigneeId: assignee?._id ?? null, creatorId: t.creatorId, dueAt: t.dueAt, tags: t.tags, estimatedHours: t.estimatedHours,
      sourceKind: kind, sourceRef: t.source.ref ?? null, sessionId: null, chain: null, parentId: null, externalKey: taken ? null : t.externalKey,
      createdAt: t.createdAt, updatedAt: t.updatedAt, completedAt: t.completedAt, version: 1,
    }));
  }
  const idOf = (key: string) => ids.get(key.toUpperCase())!;
  for (const t of tasks) if (t.parent) await ctx.db.patch(idOf(t.key), { parentId: idOf(t.parent) });
  const counts: Record<string, number> = { tasks: tasks.length };
  for (const r of rest) {
    counts[r.type] = (counts[r.type] ?? 0) + 1;
    if (r.type === "dependency") await ctx.db.insert("dependencies", { taskId: idOf(r.task), dependsOnId: idOf(r.dependsOn), createdAt: r.createdAt });
    else if (r.type === "comment") await ctx.db.insert("comments", { taskId: idOf(r.task), author: r.author, body: r.body, externalKey: null, createdAt: r.createdAt });
    else if (r.type === "time") {
      await ctx.db.insert("timeEntries", { taskId: idOf(r.task), userId: r.userId, minutes: r.minutes, source: r.source, ref: r.ref, externalKey: null, createdAt: r.createdAt });
    } else if (r.type === "link") {
      const taskId = idOf(r.task);
      const dup = await ctx.db.query("links").withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", taskId).eq("kind", r.kind).eq("ref", r.ref)).first();
      if (!dup) {
        await ctx.db.insert("links", {
          taskId, kind: r.kind, url: r.url, ref: r.ref, state: r.state, title: r.title, closes: false, createdAt: r.createdAt, updatedAt: r.createdAt,
        });
      }
    } else {
      const taskId = r.task ? idOf(r.task) : null;
      await writeActivity(ctx, { at: r.at, actor: r.actor, action: r.action, taskId, taskKey: r.task ? r.task.toUpperCase() : null, projectId, data: r.data });
    }
  }
  await writeActivity(ctx, { at, actor, action: "imported", taskId: null, taskKey: null, projectId, data: counts });
  return { project: p.key, counts };
}
