// applyCommitRef on D1: link a commit to a task once, apply its comments and time once, and close the task once.

import { commitTarget } from "../../../domain/commits";
import { capText } from "../../../domain/tasks";
import type { CommitRef, TaskChange } from "../../../ports/store";
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
    // "closed" on the link means this commit already closed the task once; seeing it again changes nothing.
    if (link?.state === "closed" || (link && !ref.close)) return null;
    const to = commitTarget(task.status, ref);
    const changeId = crypto.randomUUID();
    // Without a status move nothing is guarded; with one, the rest of the batch runs only if the move did.
    const guard = to ? ` WHERE ${GUARD_SQL}` : "";
    const guardArgs = to ? [task.id, changeId] : [];
    const actor = ref.actor;
    const state = ref.close ? "closed" : "linked";
    const stmts = [
      db
        .prepare(
          `INSERT INTO links (id, task_id, kind, url, ref, state, title, created_at, updated_at) SELECT ?, ?, 'commit', ?, ?, ?, ?, ?, ?${guard}
           ON CONFLICT (task_id, kind, ref) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        )
        .bind(crypto.randomUUID(), task.id, ref.url, ref.sha, state, capText(ref.message.split("\n")[0], 200), ref.at, ref.at, ...guardArgs),
      activityStmt(
        db,
        {
          at: ref.at, actor, action: link ? "commit_closed" : "linked", taskId: task.id, projectId: task.projectId,
          data: { kind: "commit", sha: ref.sha, url: ref.url, repo: ref.repo, state },
        },
        to ? { taskId: task.id, changeId } : undefined,
      ),
    ];
    // Smart-commit records come with the first sighting of the link; their keys guard against a racing second one.
    (link ? [] : (ref.comments ?? [])).forEach((body, i) => {
      const id = crypto.randomUUID();
      stmts.push(
        db
          .prepare(`INSERT INTO comments (id, task_id, author, body, external_key, created_at) SELECT ?, ?, ?, ?, ?, ?${guard} ON CONFLICT (external_key) DO NOTHING`)
          .bind(id, task.id, actor, body, `commit:${ref.sha}:${task.id}:comment:${i}`, ref.at, ...guardArgs),
        activityStmt(
          db,
          { at: ref.at, actor, action: "commented", taskId: task.id, projectId: task.projectId, data: { commentId: id, sha: ref.sha, excerpt: capText(body, 120) } },
          to ? { taskId: task.id, changeId } : undefined,
        ),
      );
    });
    if (!link && ref.minutes && ref.minutes > 0) {
      stmts.push(
        db
          .prepare(
            `INSERT INTO time_entries (id, task_id, user_id, minutes, source, ref, external_key, created_at) SELECT ?, ?, NULL, ?, 'commit', ?, ?, ?${guard}
             ON CONFLICT (external_key) DO NOTHING`,
          )
          .bind(crypto.randomUUID(), task.id, ref.minutes, ref.sha, `commit:${ref.sha}:${task.id}:time`, ref.at, ...guardArgs),
        activityStmt(
          db,
          { at: ref.at, actor, action: "time_logged", taskId: task.id, projectId: task.projectId, data: { minutes: ref.minutes, source: "commit", sha: ref.sha } },
          to ? { taskId: task.id, changeId } : undefined,
        ),
      );
    }
    if (!to) {
      await db.batch(stmts);
      return null;
    }
    await runGuarded(db, [...updateTaskStmts(db, task, { status: to }, actor, ref.at, { commit: ref.sha }, changeId), ...stmts]);
    return { task: { ...task, status: to, version: task.version + 1 }, from: { status: task.status, dueAt: task.dueAt } };
  });
}
