// Which tasks have dependents or open pull requests: what decides whether a task change starts follow-up runs.

import { OPEN_PULL_REQUEST_STATES } from "../../domain/pull-requests";
import type { WatchedTasks } from "../../ports/store";

export async function watchedTasks(db: D1Database, taskIds: string[]): Promise<WatchedTasks> {
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
