// mirrorIssue on D1: the task mirroring a GitHub issue, created or brought up to date in one guarded batch.

import type { CompactIssue } from "../../../domain/github-events";
import { issueExternalKey, issueLink, issueTaskDraft, issueTaskPatch, mirrorsIssues } from "../../../domain/issues";
import type { Actor, TaskChange } from "../../../ports/store";
import { taskById } from "./reads";
import { TASK_COLUMNS, toProject, toTask, type ProjectRow, type TaskRow } from "./rows";
import { Conflict, GUARD_SQL, insertTaskStmts, retrying, updateTaskStmts } from "./writes";

export async function mirrorIssue(db: D1Database, issue: CompactIssue, actor: Actor, at: string): Promise<TaskChange | null> {
  const { results: projects } = await db
    .prepare(`SELECT * FROM projects WHERE EXISTS (SELECT 1 FROM json_each(projects.repos) WHERE value = ?) ORDER BY key`)
    .bind(issue.repo.toLowerCase())
    .all<ProjectRow>();
  const project = projects.map(toProject).find((p) => mirrorsIssues(p.settings));
  if (!project) return null;
  const l = issueLink(issue);
  const ref = l.ref;
  return retrying(async () => {
    const [existing, assignee] = await Promise.all([
      db
        .prepare(`SELECT ${TASK_COLUMNS} FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.external_key = ?`)
        .bind(issueExternalKey(issue.repo, issue.number))
        .first<TaskRow>(),
      issue.assignee ? db.prepare(`SELECT id FROM users WHERE github_login = ?`).bind(issue.assignee).first<string>("id") : null,
    ]);
    const link = (taskId: string, guard: { sql: string; args: unknown[] }) =>
      db
        .prepare(
          `INSERT INTO links (id, task_id, kind, url, ref, state, title, created_at, updated_at) SELECT ?, ?, 'issue', ?, ?, ?, ?, ?, ?${guard.sql}
           ON CONFLICT (task_id, kind, ref) DO UPDATE SET state = excluded.state, title = excluded.title, updated_at = excluded.updated_at`,
        )
        .bind(crypto.randomUUID(), taskId, l.url, l.ref, l.state, l.title, at, at, ...guard.args);

    if (!existing) {
      const id = crypto.randomUUID();
      const draft = issueTaskDraft(issue, assignee ?? null, actor);
      const results = await db.batch([
        ...insertTaskStmts(db, { ...draft, id, projectId: project.id }, actor, at),
        link(id, { sql: ` WHERE EXISTS (SELECT 1 FROM tasks WHERE id = ?)`, args: [id] }),
      ]);
      // Another delivery of this issue created it first: read it back and update that one.
      if (results[0].meta.changes === 0) throw new Conflict("issue mirrored concurrently");
      return { task: (await taskById(db, id))!, from: null };
    }
    const task = toTask(existing);
    const patch = issueTaskPatch(task, issue, assignee ?? null);
    if (!Object.keys(patch).length) {
      await link(task.id, { sql: "", args: [] }).run();
      return null;
    }
    const changeId = crypto.randomUUID();
    const results = await db.batch([
      ...updateTaskStmts(db, task, patch, actor, at, { issue: ref }, changeId),
      link(task.id, { sql: ` WHERE ${GUARD_SQL}`, args: [task.id, changeId] }),
    ]);
    if (results[0].meta.changes === 0) throw new Conflict("task changed underneath");
    return { task: (await taskById(db, task.id))!, from: { status: task.status, dueAt: task.dueAt } };
  });
}
