// Tasks on D1: create, edit, read, list, delete, comments and time, and the reads crons, boards and reports make.

import type { Actor } from "../../domain/activity";
import type { Link } from "../../domain/links";
import { OPEN_PULL_REQUEST_STATES } from "../../domain/pull-requests";
import type { ReportData } from "../../domain/reports";
import { effectivePatch, manualTaskDraft, type Task, type TaskDetail } from "../../domain/tasks";
import { StoreError, type Activity, type NewTask, type TaskChange, type TaskPatch, type TaskStore, type WatchedTasks } from "../../ports/store";
import { listTasks } from "./model/list";
import { taskById, taskByKey } from "./model/reads";
import { addComment, addTimeEntry, deleteTask, setCommentExternalKey, taskRecords } from "./model/records";
import { ACTIVITY_COLUMNS, ACTIVITY_FROM, OPEN_SQL, TASK_COLUMNS, toActivity, toTask, type ActivityRow, type TaskRow } from "./model/rows";
import { family, resolveParent } from "./model/parents";
import { insertTaskStmts, retrying, runGuarded, updateTaskStmts } from "./model/writes";

async function createTask(db: D1Database, t: NewTask, actor: Actor, at: string): Promise<Task> {
  const project = await db.prepare(`SELECT id FROM projects WHERE key = ?`).bind(t.projectKey.toUpperCase()).first<{ id: string }>();
  if (!project) throw new StoreError("not_found", `Project ${t.projectKey} not found`);
  const id = crypto.randomUUID();
  const parentId = (await resolveParent(db, project.id, null, t.parent)) ?? null;
  await db.batch(insertTaskStmts(db, { id, projectId: project.id, ...manualTaskDraft(t, actor), parentId }, actor, at));
  return (await taskById(db, id))!;
}

function updateTask(db: D1Database, key: string, patch: TaskPatch, actor: Actor, at: string): Promise<TaskChange> {
  return retrying(async () => {
    const before = await taskByKey(db, key);
    if (!before) throw new StoreError("not_found", `Task ${key} not found`);
    const { parent, ...fields } = patch;
    const changed = effectivePatch(before, { ...fields, parentId: await resolveParent(db, before.projectId, before, parent) });
    if (!Object.keys(changed).length) return { task: before, from: { status: before.status, dueAt: before.dueAt } };
    await runGuarded(db, updateTaskStmts(db, before, changed, actor, at));
    return { task: (await taskById(db, before.id))!, from: { status: before.status, dueAt: before.dueAt } };
  });
}

async function getTask(db: D1Database, key: string): Promise<TaskDetail | null> {
  const task = await taskByKey(db, key);
  if (!task) return null;
  const [links, activity, deps, blocks] = await db.batch([
    db.prepare(`SELECT kind, ref, url, state, title, created_at AS createdAt FROM links WHERE task_id = ? ORDER BY created_at`).bind(task.id),
    db.prepare(`SELECT ${ACTIVITY_COLUMNS} ${ACTIVITY_FROM} WHERE a.task_id = ? ORDER BY a.id DESC LIMIT 100`).bind(task.id),
    db
      .prepare(`SELECT p.key || '-' || t.number AS k FROM dependencies d JOIN tasks t ON t.id = d.depends_on_id JOIN projects p ON p.id = t.project_id WHERE d.task_id = ?`)
      .bind(task.id),
    db
      .prepare(`SELECT p.key || '-' || t.number AS k FROM dependencies d JOIN tasks t ON t.id = d.task_id JOIN projects p ON p.id = t.project_id WHERE d.depends_on_id = ?`)
      .bind(task.id),
  ]);
  return {
    ...task,
    ...(await family(db, task)),
    links: links.results as unknown as TaskDetail["links"],
    activity: (activity.results as ActivityRow[]).map(toActivity),
    dependsOn: (deps.results as { k: string }[]).map((r) => r.k),
    blocks: (blocks.results as { k: string }[]).map((r) => r.k),
  };
}

async function cardExtras(db: D1Database, taskIds: string[]) {
  const ids = JSON.stringify(taskIds);
  const [links, acts] = await db.batch([
    db
      .prepare(`SELECT task_id, kind, ref, url, state, title, created_at AS createdAt FROM links WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY created_at`)
      .bind(ids),
    db
      .prepare(
        `SELECT ${ACTIVITY_COLUMNS} ${ACTIVITY_FROM} WHERE a.id IN (SELECT MAX(id) FROM activity WHERE task_id IN (SELECT value FROM json_each(?)) GROUP BY task_id)`,
      )
      .bind(ids),
  ]);
  const out = new Map<string, { links: Link[]; lastActivity: Activity | null }>(taskIds.map((id) => [id, { links: [], lastActivity: null }]));
  for (const l of links.results as (Link & { task_id: string })[]) {
    const { task_id, ...link } = l;
    out.get(task_id)?.links.push(link);
  }
  for (const a of (acts.results as ActivityRow[]).map(toActivity)) if (a.taskId) out.get(a.taskId)!.lastActivity = a;
  return out;
}

/** Which tasks have dependents or open pull requests: what decides whether a task change starts follow-up runs. */
async function watchedTasks(db: D1Database, taskIds: string[]): Promise<WatchedTasks> {
  if (!taskIds.length) return { withDependents: [], withOpenPullRequests: [] };
  // One JSON array parameter rather than one per id: D1 caps bound parameters at 100 per statement.
  const ids = JSON.stringify([...new Set(taskIds)]);
  const [dependents, pullRequests] = await db.batch<{ id: string }>([
    db.prepare(`SELECT DISTINCT depends_on_id AS id FROM dependencies WHERE depends_on_id IN (SELECT value FROM json_each(?))`).bind(ids),
    db
      .prepare(
        `SELECT DISTINCT l.task_id AS id FROM links l JOIN pull_requests pr ON pr.id = l.ref
         WHERE l.task_id IN (SELECT value FROM json_each(?)) AND l.kind = 'pull_request' AND pr.state IN (SELECT value FROM json_each(?))`,
      )
      .bind(ids, JSON.stringify(OPEN_PULL_REQUEST_STATES)),
  ]);
  return { withDependents: dependents.results.map((r) => r.id), withOpenPullRequests: pullRequests.results.map((r) => r.id) };
}

/** The open tasks whose due date falls in a window (the deadline sweep's catch-up list). */
async function dueBetween(db: D1Database, from: string, to: string, limit: number): Promise<Task[]> {
  const { results } = await db
    .prepare(
      `SELECT ${TASK_COLUMNS} FROM tasks t JOIN projects p ON p.id = t.project_id
       WHERE t.status IN ${OPEN_SQL} AND t.due_at >= ? AND t.due_at < ? ORDER BY t.due_at LIMIT ?`,
    )
    .bind(from, to, limit)
    .all<TaskRow>();
  return results.map(toTask);
}

/** What the reports page counts: completions and logged time since a date. */
/** Tasks with an estimate a report reads at most, most recently changed first. */
const REPORT_ROWS = 5000;

async function reportData(db: D1Database, since: string): Promise<ReportData> {
  const [completed, time, estimates] = await db.batch([
    db
      .prepare(
        `SELECT p.key AS projectKey, t.created_at AS createdAt, t.completed_at AS completedAt FROM tasks t JOIN projects p ON p.id = t.project_id
         WHERE t.status = 'completed' AND t.completed_at >= ? ORDER BY t.completed_at`,
      )
      .bind(since),
    db
      .prepare(
        `SELECT p.key || '-' || t.number AS taskKey, t.title, e.user_id AS userId, e.minutes, e.created_at AS at
         FROM time_entries e JOIN tasks t ON t.id = e.task_id JOIN projects p ON p.id = t.project_id WHERE e.created_at >= ? ORDER BY e.created_at`,
      )
      .bind(since),
    db.prepare(
      `SELECT p.key || '-' || t.number AS taskKey, t.title, p.key AS projectKey, t.assignee_id AS assigneeId, t.completed_at AS completedAt,
         t.estimated_hours AS estimatedHours, COALESCE((SELECT SUM(e.minutes) FROM time_entries e WHERE e.task_id = t.id), 0) AS minutes
       FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.estimated_hours IS NOT NULL ORDER BY t.updated_at DESC LIMIT ${REPORT_ROWS}`,
    ),
  ]);
  return {
    completed: completed.results as ReportData["completed"],
    time: time.results as ReportData["time"],
    estimates: estimates.results as ReportData["estimates"],
  };
}

export function tasks(db: D1Database): TaskStore {
  return {
    createTask: (t, actor, at) => createTask(db, t, actor, at),
    updateTask: (key, patch, actor, at) => updateTask(db, key, patch, actor, at),
    getTask: (key) => getTask(db, key),
    taskById: (id) => taskById(db, id),
    listTasks: (filter, limit, cursor) => listTasks(db, filter, limit, cursor),
    cardExtras: (taskIds) => cardExtras(db, taskIds),
    deleteTask: (key, actor, at) => deleteTask(db, key, actor, at),
    addComment: async (key, body, actor, at) => (await addComment(db, key, body, actor, at))!,
    importComment: (key, body, externalKey, actor, at) => addComment(db, key, body, actor, at, externalKey),
    setCommentExternalKey: (commentId, externalKey) => setCommentExternalKey(db, commentId, externalKey),
    addTimeEntry: (key, e, actor, at) => addTimeEntry(db, key, e, actor, at),
    taskRecords: (key) => taskRecords(db, key),
    watchedTasks: (taskIds) => watchedTasks(db, taskIds),
    dueBetween: (from, to, limit) => dueBetween(db, from, to, limit),
    reportData: (since) => reportData(db, since),
  };
}
