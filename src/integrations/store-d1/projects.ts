// Project settings and the dependency graph of a project's tasks.

import { normalizeRepo } from "../../domain/projects";
import { StoreError, type Project, type ProjectGraph, type ProjectPatch } from "../../ports/store";
import { TASK_COLUMNS, toProject, toTask, type ProjectRow, type TaskRow } from "./rows";

const GRAPH_TASKS = 500;

/** Guarded by updated_at: a concurrent change makes this one fail as a conflict rather than lose it. */
export async function updateProject(db: D1Database, key: string, patch: ProjectPatch, at: string): Promise<Project> {
  const row = await db.prepare(`SELECT * FROM projects WHERE key = ?`).bind(key.toUpperCase()).first<ProjectRow>();
  if (!row) throw new StoreError("not_found", `Project ${key} not found`);
  const p = { ...toProject(row), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Project;
  const r = await db
    .prepare(
      `UPDATE projects SET name = ?, description = ?, status = ?, repos = ?, paths = ?, settings = ?, updated_at = ?
       WHERE id = ? AND updated_at = ?`,
    )
    .bind(p.name, p.description, p.status, JSON.stringify(p.repos.map(normalizeRepo)), JSON.stringify(p.paths), JSON.stringify(p.settings), at, row.id, row.updated_at)
    .run();
  if (r.meta.changes === 0) throw new StoreError("conflict", `Project ${key} changed while it was being updated; try again`);
  return toProject((await db.prepare(`SELECT * FROM projects WHERE id = ?`).bind(row.id).first<ProjectRow>())!);
}

/** The project's tasks, plus blockers from other projects, and the edges that start in the project. */
export async function projectGraph(db: D1Database, projectKey: string): Promise<ProjectGraph> {
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
