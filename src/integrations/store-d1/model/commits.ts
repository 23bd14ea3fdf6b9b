// applyCommitRef on D1: executes src/domain/commits.ts planCommitRef in one batch, guarded on the task's move when there is one.

import { planCommitRef, type CommitRef } from "../../../domain/commits";
import type { TaskChange } from "../../../ports/store";
import { taskByKey } from "./reads";
import { activityStmt, GUARD_SQL, retrying, runGuarded, updateTaskStmts } from "./writes";

export async function applyCommitRef(db: D1Database, ref: CommitRef): Promise<TaskChange | null> {
  return retrying(async () => {
    const task = await taskByKey(db, ref.taskKey);
    if (!task) return null;
    const link = await db
      .prepare(`SELECT state FROM links WHERE task_id = ? AND kind = 'commit' AND ref = ?`)
      .bind(task.id, ref.sha)
      .first<{ state: string }>();
    const plan = planCommitRef(task, link, ref);
    if (!plan) return null;
    const to = plan.status;
    const changeId = crypto.randomUUID();
    // Without a status move nothing is guarded; with one, the rest of the batch runs only if the move did.
    const guard = to ? ` WHERE ${GUARD_SQL}` : "";
    const guardArgs = to ? [task.id, changeId] : [];
    const rowGuard = to ? { taskId: task.id, changeId } : undefined;
    const row = (action: Parameters<typeof activityStmt>[1]["action"], data: Record<string, unknown>) =>
      activityStmt(db, { at: ref.at, actor: ref.actor, action, taskId: task.id, projectId: task.projectId, data }, rowGuard);
    const stmts = [
      db
        .prepare(
          `INSERT INTO links (id, task_id, kind, url, ref, state, title, created_at, updated_at) SELECT ?, ?, 'commit', ?, ?, ?, ?, ?, ?${guard}
           ON CONFLICT (task_id, kind, ref) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        )
        .bind(crypto.randomUUID(), task.id, ref.url, ref.sha, plan.link.state, plan.link.title, ref.at, ref.at, ...guardArgs),
      row(plan.activity.action, plan.activity.data),
    ];
    for (const c of plan.comments) {
      const id = crypto.randomUUID();
      stmts.push(
        db
          .prepare(`INSERT INTO comments (id, task_id, author, body, external_key, created_at) SELECT ?, ?, ?, ?, ?, ?${guard} ON CONFLICT (external_key) DO NOTHING`)
          .bind(id, task.id, ref.actor, c.body, c.externalKey, ref.at, ...guardArgs),
        row("commented", { commentId: id, ...c.data }),
      );
    }
    if (plan.time) {
      stmts.push(
        db
          .prepare(
            `INSERT INTO time_entries (id, task_id, user_id, minutes, source, ref, external_key, created_at) SELECT ?, ?, NULL, ?, 'commit', ?, ?, ?${guard}
             ON CONFLICT (external_key) DO NOTHING`,
          )
          .bind(crypto.randomUUID(), task.id, plan.time.minutes, ref.sha, plan.time.externalKey, ref.at, ...guardArgs),
        row("time_logged", plan.time.data),
      );
    }
    if (!to) {
      await db.batch(stmts);
      return null;
    }
    await runGuarded(db, [...updateTaskStmts(db, task, { status: to }, ref.actor, ref.at, { commit: ref.sha }, changeId), ...stmts]);
    return { task: { ...task, status: to, version: task.version + 1 }, from: { status: task.status, dueAt: task.dueAt } };
  });
}
