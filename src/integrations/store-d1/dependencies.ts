// Dependencies on D1: add (never a cycle), remove, what a finished task frees, stale blockers, and a project's graph.

import type { Actor } from "../../domain/activity";
import { cyclePath, type ProjectGraph } from "../../domain/graph";
import { planRelease, type Released } from "../../domain/release";
import { isDone, type Task } from "../../domain/tasks";
import { StoreError, type DependencyStore } from "../../ports/store";
import { edgesFrom } from "./model/graph";
import { taskById, taskByKey, tasksByIds } from "./model/reads";
import { OPEN_SQL, TASK_COLUMNS, toTask, type TaskRow } from "./model/rows";
import { Conflict, retrying } from "./model/writes";

const GRAPH_TASKS = 500;

async function bothTasks(db: D1Database, taskKey: string, dependsOnKey: string): Promise<[Task, Task]> {
  const [task, blocker] = await Promise.all([taskByKey(db, taskKey), taskByKey(db, dependsOnKey)]);
  if (!task) throw new StoreError("not_found", `Task ${taskKey} not found`);
  if (!blocker) throw new StoreError("not_found", `Task ${dependsOnKey} not found`);
  return [task, blocker];
}

function addDependency(db: D1Database, taskKey: string, dependsOnKey: string, actor: Actor, at: string): Promise<boolean> {
  return retrying(async () => {
    const [task, blocker] = await bothTasks(db, taskKey, dependsOnKey);
    const edges = await edgesFrom(db, blocker.id);
    const path = cyclePath(task.id, blocker.id, (id) => edges.get(id) ?? []);
    if (path) {
      const keys = new Map((await tasksByIds(db, [...new Set(path)])).map((t) => [t.id, t.key]));
      const named = path.map((id) => keys.get(id) ?? id);
      throw new StoreError("cycle", `${task.key} cannot depend on ${blocker.key}: ${named.join(" → ")} would be a cycle`, { path: named });
    }
    const exists = await db.prepare(`SELECT 1 FROM dependencies WHERE task_id = ? AND depends_on_id = ?`).bind(task.id, blocker.id).first();
    if (exists) return false;
    // The insert re-checks reachability itself, so a racing edge cannot sneak a cycle in between read and write.
    const [insert] = await db.batch([
      db
        .prepare(
          `INSERT OR IGNORE INTO dependencies (task_id, depends_on_id, created_at) SELECT ?1, ?2, ?3
           WHERE NOT EXISTS (WITH RECURSIVE reach(id) AS (SELECT ?2 UNION SELECT d.depends_on_id FROM dependencies d JOIN reach r ON d.task_id = r.id)
                             SELECT 1 FROM reach WHERE id = ?1)`,
        )
        .bind(task.id, blocker.id, at),
      db
        .prepare(`INSERT INTO activity (at, actor, action, task_id, project_id, data) SELECT ?, ?, 'dependency_added', ?, ?, ? WHERE changes() = 1`)
        .bind(at, actor, task.id, task.projectId, JSON.stringify({ dependsOn: blocker.key, dependsOnId: blocker.id })),
    ]);
    if (insert.meta.changes === 0) throw new Conflict("dependencies changed underneath");
    return true;
  });
}

async function removeDependency(db: D1Database, taskKey: string, dependsOnKey: string, actor: Actor, at: string): Promise<boolean> {
  const [task, blocker] = await bothTasks(db, taskKey, dependsOnKey);
  const [del] = await db.batch([
    db.prepare(`DELETE FROM dependencies WHERE task_id = ? AND depends_on_id = ?`).bind(task.id, blocker.id),
    db
      .prepare(`INSERT INTO activity (at, actor, action, task_id, project_id, data) SELECT ?, ?, 'dependency_removed', ?, ?, ? WHERE changes() = 1`)
      .bind(at, actor, task.id, task.projectId, JSON.stringify({ dependsOn: blocker.key, dependsOnId: blocker.id })),
  ]);
  return del.meta.changes === 1;
}

async function releaseDependents(db: D1Database, doneTaskId: string, actor: Actor, at: string): Promise<Released> {
  const done = await taskById(db, doneTaskId);
  if (!done || !isDone(done.status)) return { unblocked: [], stillBlocked: [] }; // reopened since: it frees nothing
  const { results: edges } = await db
    .prepare(
      `SELECT d.task_id AS taskId, d.depends_on_id AS dependsOnId FROM dependencies d
       WHERE d.task_id IN (SELECT task_id FROM dependencies WHERE depends_on_id = ?)`,
    )
    .bind(done.id)
    .all<{ taskId: string; dependsOnId: string }>();
  const tasks = new Map((await tasksByIds(db, [...new Set(edges.flatMap((e) => [e.taskId, e.dependsOnId]))])).map((t) => [t.id, t]));
  const blockersOf = (id: string) => edges.filter((e) => e.taskId === id).map((e) => e.dependsOnId);
  const plan = planRelease(done.id, edges.map((e) => e.taskId), blockersOf, (id) => tasks.get(id)?.status);
  if (plan.freed.length) {
    // One "unblocked" row per dependent and completion, however often the completion is replayed.
    await db.batch(
      plan.freed.map((id) =>
        db
          .prepare(
            `INSERT INTO activity (at, actor, action, task_id, project_id, data) SELECT ?1, ?2, 'unblocked', ?3, ?4, ?5
             WHERE NOT EXISTS (SELECT 1 FROM activity WHERE task_id = ?3 AND action = 'unblocked' AND json_extract(data, '$.byId') = ?6)`,
          )
          .bind(at, actor, id, tasks.get(id)!.projectId, JSON.stringify({ by: done.key, byId: done.id }), done.id),
      ),
    );
  }
  return {
    unblocked: plan.freed.map((id) => tasks.get(id)!),
    stillBlocked: plan.stillBlocked.map((s) => ({ task: tasks.get(s.id)!, blockers: s.blockers.map((b) => tasks.get(b)!) })),
  };
}

/** Open tasks that open tasks wait on, with those waiting, oldest-touched first: what the hourly chase looks at. */
async function blockersWithWaiting(db: D1Database, limit: number): Promise<{ blocker: Task; waiting: Task[] }[]> {
  const { results: edges } = await db
    .prepare(
      `SELECT d.task_id AS taskId, d.depends_on_id AS dependsOnId FROM dependencies d
       JOIN tasks w ON w.id = d.task_id JOIN tasks b ON b.id = d.depends_on_id
       WHERE w.status IN ${OPEN_SQL} AND b.status IN ${OPEN_SQL}
       ORDER BY b.updated_at LIMIT ?`,
    )
    .bind(limit)
    .all<{ taskId: string; dependsOnId: string }>();
  const tasks = new Map((await tasksByIds(db, [...new Set(edges.flatMap((e) => [e.taskId, e.dependsOnId]))])).map((t) => [t.id, t]));
  const groups = new Map<string, { blocker: Task; waiting: Task[] }>();
  for (const e of edges) {
    const g = groups.get(e.dependsOnId) ?? { blocker: tasks.get(e.dependsOnId)!, waiting: [] };
    g.waiting.push(tasks.get(e.taskId)!);
    groups.set(e.dependsOnId, g);
  }
  return [...groups.values()];
}

/** The project's tasks, plus blockers from other projects, and the edges that start in the project. */
async function projectGraph(db: D1Database, projectKey: string): Promise<ProjectGraph> {
  const [tasks, edges] = await db.batch([
    db
      .prepare(
        `SELECT ${TASK_COLUMNS} FROM tasks t JOIN projects p ON p.id = t.project_id
         WHERE p.key = ?1 OR t.id IN (SELECT d.depends_on_id FROM dependencies d JOIN tasks x ON x.id = d.task_id JOIN projects xp ON xp.id = x.project_id WHERE xp.key = ?1)
         ORDER BY t.number LIMIT ?2`,
      )
      .bind(projectKey.toUpperCase(), GRAPH_TASKS),
    db
      .prepare(
        `SELECT d.task_id AS taskId, d.depends_on_id AS dependsOnId FROM dependencies d JOIN tasks x ON x.id = d.task_id JOIN projects xp ON xp.id = x.project_id
         WHERE xp.key = ?`,
      )
      .bind(projectKey.toUpperCase()),
  ]);
  return { tasks: (tasks.results as TaskRow[]).map(toTask), edges: edges.results as ProjectGraph["edges"] };
}

export function dependencies(db: D1Database): DependencyStore {
  return {
    addDependency: (taskKey, dependsOnKey, actor, at) => addDependency(db, taskKey, dependsOnKey, actor, at),
    removeDependency: (taskKey, dependsOnKey, actor, at) => removeDependency(db, taskKey, dependsOnKey, actor, at),
    releaseDependents: (doneTaskId, actor, at) => releaseDependents(db, doneTaskId, actor, at),
    blockersWithWaiting: (limit) => blockersWithWaiting(db, limit),
    projectGraph: (projectKey) => projectGraph(db, projectKey),
  };
}
