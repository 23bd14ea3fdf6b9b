// A project out as records and back in: export reads everything, import writes it in one batch.

import { activityRecord, planImport, projectRecord, taskRecord, type ExportRecord } from "../../../domain/export";
import { normalizeTitle, type Task } from "../../../domain/tasks";
import { StoreError, type Actor } from "../../../ports/store";
import { TASK_COLUMNS, toActivity, toProject, toTask, type ActivityRow, type ProjectRow, type TaskRow } from "./rows";

const KEY = `p.key || '-' || t.number`;
const OF_PROJECT = `JOIN tasks t ON t.id = x.task_id JOIN projects p ON p.id = t.project_id WHERE p.key = ?`;

export async function exportProject(db: D1Database, projectKey: string): Promise<ExportRecord[]> {
  const key = projectKey.toUpperCase();
  const row = await db.prepare(`SELECT * FROM projects WHERE key = ?`).bind(key).first<ProjectRow>();
  if (!row) throw new StoreError("not_found", `Project ${projectKey} not found`);
  const p = toProject(row);
  const [tasks, deps, comments, time, links, activity] = await db.batch([
    db.prepare(`SELECT ${TASK_COLUMNS} FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.key = ? ORDER BY t.number`).bind(key),
    db
      .prepare(
        `SELECT ${KEY} AS task, bp.key || '-' || b.number AS dependsOn, x.created_at AS createdAt FROM dependencies x
         JOIN tasks b ON b.id = x.depends_on_id JOIN projects bp ON bp.id = b.project_id ${OF_PROJECT} AND bp.key = p.key`,
      )
      .bind(key),
    db.prepare(`SELECT ${KEY} AS task, x.author, x.body, x.created_at AS createdAt FROM comments x ${OF_PROJECT} ORDER BY x.created_at, x.rowid`).bind(key),
    db
      .prepare(`SELECT ${KEY} AS task, x.user_id AS userId, x.minutes, x.source, x.ref, x.created_at AS createdAt FROM time_entries x ${OF_PROJECT} ORDER BY x.created_at`)
      .bind(key),
    db.prepare(`SELECT ${KEY} AS task, x.kind, x.ref, x.url, x.state, x.title, x.created_at AS createdAt FROM links x ${OF_PROJECT} ORDER BY x.created_at`).bind(key),
    db
      .prepare(
        `SELECT a.id, a.at, a.actor, a.action, a.task_id, ${KEY} AS task_key, a.project_id, a.data FROM activity a
         LEFT JOIN tasks t ON t.id = a.task_id LEFT JOIN projects p ON p.id = t.project_id WHERE a.project_id = ? ORDER BY a.id`,
      )
      .bind(p.id),
  ]);
  const tagged = <T extends ExportRecord["type"]>(type: T, rows: unknown[]) => rows.map((r) => ({ type, ...(r as object) }) as ExportRecord);
  return [
    projectRecord(p),
    ...taskRecords((tasks.results as TaskRow[]).map(toTask)),
    ...tagged("dependency", deps.results),
    ...tagged("comment", comments.results),
    ...tagged("time", time.results),
    ...tagged("link", links.results),
    ...(activity.results as ActivityRow[]).map(toActivity).map((a) => activityRecord(a, a.taskKey)),
  ];
}

function taskRecords(tasks: Task[]): ExportRecord[] {
  const keys = new Map(tasks.map((t) => [t.id, t.key]));
  return tasks.map((t) => taskRecord(t, (id) => keys.get(id)));
}

/** The batch fails as a whole if the project gained a task meanwhile (unique project and number). */
export async function importProject(db: D1Database, records: ExportRecord[], actor: Actor, at: string) {
  const plan = planImport(records);
  const p = plan.project;
  const existing = await db.prepare(`SELECT id, (SELECT COUNT(*) FROM tasks WHERE project_id = projects.id) AS n FROM projects WHERE key = ?`).bind(p.key).first<{ id: string; n: number }>();
  if (existing && existing.n > 0) throw new StoreError("conflict", `Project ${p.key} already has tasks; import needs an empty project`);
  const projectId = existing?.id ?? crypto.randomUUID();
  const ids = new Map(plan.tasks.map((t) => [t.key, crypto.randomUUID()]));
  const idOf = (key: string) => ids.get(key.toUpperCase())!;
  const stmts: D1PreparedStatement[] = [];
  if (!existing) {
    stmts.push(
      db
        .prepare(`INSERT INTO projects (id, key, name, description, status, repos, paths, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .bind(projectId, p.key, p.name, p.description, p.status, JSON.stringify(p.repos), JSON.stringify(p.paths), JSON.stringify(p.settings), p.createdAt, at),
    );
  }
  for (const t of plan.tasks) {
    // An external key already used in this hub (the same project imported twice under two keys) is dropped, not duplicated.
    stmts.push(
      db
        .prepare(
          `INSERT INTO tasks (id, project_id, number, title, title_norm, description, status, priority, assignee_id, creator_id, due_at, tags,
             estimated_hours, source_kind, source_ref, external_key, created_at, updated_at, completed_at, change_id, parent_id)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT id FROM users WHERE id = ?9), ?10, ?11, ?12, ?13, ?14, ?15,
             CASE WHEN EXISTS (SELECT 1 FROM tasks WHERE external_key = ?16) THEN NULL ELSE ?16 END, ?17, ?18, ?19, ?20, ?21)`,
        )
        .bind(
          idOf(t.key), projectId, t.number, t.title, normalizeTitle(t.title), t.description, t.status, t.priority, t.assigneeId, t.creatorId,
          t.dueAt, JSON.stringify(t.tags), t.estimatedHours, t.source.kind, t.source.ref ?? null, t.externalKey, t.createdAt, t.updatedAt,
          t.completedAt, crypto.randomUUID(), t.parent ? idOf(t.parent) : null,
        ),
    );
  }
  const counts: Record<string, number> = { tasks: plan.tasks.length };
  for (const r of plan.rest) {
    counts[r.type] = (counts[r.type] ?? 0) + 1;
    if (r.type === "dependency") {
      stmts.push(db.prepare(`INSERT INTO dependencies (task_id, depends_on_id, created_at) VALUES (?, ?, ?)`).bind(idOf(r.task), idOf(r.dependsOn), r.createdAt));
    } else if (r.type === "comment") {
      stmts.push(db.prepare(`INSERT INTO comments (id, task_id, author, body, created_at) VALUES (?, ?, ?, ?, ?)`).bind(crypto.randomUUID(), idOf(r.task), r.author, r.body, r.createdAt));
    } else if (r.type === "time") {
      stmts.push(
        db
          .prepare(`INSERT INTO time_entries (id, task_id, user_id, minutes, source, ref, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .bind(crypto.randomUUID(), idOf(r.task), r.userId, r.minutes, r.source, r.ref, r.createdAt),
      );
    } else if (r.type === "link") {
      stmts.push(
        db
          .prepare(`INSERT OR IGNORE INTO links (id, task_id, kind, url, ref, state, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .bind(crypto.randomUUID(), idOf(r.task), r.kind, r.url, r.ref, r.state, r.title, r.createdAt, r.createdAt),
      );
    } else {
      stmts.push(
        db
          .prepare(`INSERT INTO activity (at, actor, action, task_id, project_id, data) VALUES (?, ?, ?, ?, ?, ?)`)
          .bind(r.at, r.actor, r.action, r.task ? idOf(r.task) : null, projectId, JSON.stringify(r.data)),
      );
    }
  }
  stmts.push(
    db.prepare(`INSERT INTO activity (at, actor, action, task_id, project_id, data) VALUES (?, ?, 'imported', NULL, ?, ?)`).bind(at, actor, projectId, JSON.stringify(counts)),
  );
  try {
    await db.batch(stmts);
  } catch (e) {
    if (/UNIQUE constraint failed: (tasks|projects)/.test(String((e as Error).message))) throw new StoreError("conflict", `Project ${p.key} changed during the import; try again`);
    throw e;
  }
  return { project: p.key, counts };
}
