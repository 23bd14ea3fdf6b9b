// Digest reads on D1: one person's open and recently completed tasks, sorted into the digest's sections.

import { buildDigest, type DigestSections, type DigestTask } from "../../../domain/digest";
import { OPEN_SQL, TASK_COLUMNS, toTask, type TaskRow } from "./rows";

/** More than a person can read in one email; the sections cap what they show. */
const DIGEST_SCAN = 500;

export async function digestFor(db: D1Database, userId: string, range: { since: string; now: string }): Promise<DigestSections> {
  const { results } = await db
    .prepare(
      `SELECT ${TASK_COLUMNS},
         EXISTS (SELECT 1 FROM dependencies d JOIN tasks b ON b.id = d.depends_on_id
                 WHERE d.task_id = t.id AND b.status IN ${OPEN_SQL}) AS blocked,
         (SELECT MAX(a.at) FROM activity a WHERE a.task_id = t.id AND a.action = 'unblocked') AS unblocked_at
       FROM tasks t JOIN projects p ON p.id = t.project_id
       WHERE t.assignee_id = ? AND (t.status IN ${OPEN_SQL} OR (t.status = 'completed' AND t.completed_at > ?))
       ORDER BY t.updated_at DESC LIMIT ?`,
    )
    .bind(userId, range.since, DIGEST_SCAN)
    .all<TaskRow & { blocked: number; unblocked_at: string | null }>();
  const tasks: DigestTask[] = results.map((r) => ({ ...toTask(r), blocked: r.blocked === 1, unblockedAt: r.unblocked_at }));
  return buildDigest(tasks, range.since, new Date(range.now));
}
