// applyCommitRef on D1: link a commit to a task once, and close the task once when the commit says so.

import type { CommitRef, TaskChange } from "../../ports/store";
import { isDone } from "../../domain/tasks";
import { taskByKey } from "./reads";
import { activityStmt, retrying, runGuarded, updateTaskStmts } from "./writes";

export async function applyCommitRef(db: D1Database, ref: CommitRef): Promise<TaskChange | null> {
  return retrying(async () => {
    const task = await taskByKey(db, ref.taskKey);
    if (!task) return null;
    const link = await db
      .prepare(`SELECT state FROM links WHERE task_id = ? AND kind = 'commit' AND ref = ?`)
      .bind(task.id, ref.sha)
      .first<{ state: string }>();
    // "closed" on the link means this commit already closed the task once; seeing it again changes nothing.
    if (link?.state === "closed" || (link && !ref.close)) return null;
    const state = ref.close ? "closed" : "linked";
    const linkStmts = [
      db
        .prepare(
          `INSERT INTO links (id, task_id, kind, url, ref, state, title, created_at, updated_at) VALUES (?, ?, 'commit', ?, ?, ?, ?, ?, ?)
           ON CONFLICT (task_id, kind, ref) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        )
        .bind(crypto.randomUUID(), task.id, ref.url, ref.sha, state, ref.message.split("\n")[0].slice(0, 200), ref.at, ref.at),
      activityStmt(db, {
        at: ref.at,
        actor: ref.actor,
        action: link ? "commit_closed" : "linked",
        taskId: task.id,
        projectId: task.projectId,
        data: { kind: "commit", sha: ref.sha, url: ref.url, repo: ref.repo, state },
      }),
    ];
    const to = ref.close && !isDone(task.status) ? "completed" : ref.start && task.status === "todo" ? "in_progress" : null;
    if (!to) {
      await db.batch(linkStmts);
      return null;
    }
    await runGuarded(db, [...updateTaskStmts(db, task, { status: to }, ref.actor, ref.at, { commit: ref.sha }), ...linkStmts]);
    return { task: { ...task, status: to, version: task.version + 1 }, from: { status: task.status, dueAt: task.dueAt } };
  });
}
