// Claims on opening a task's GitHub issue on D1: the decision is domain/issue-openings.ts, each write a compare-and-set on the row read.

import { decideIssueClaim, type IssueOpening } from "../../domain/issue-openings";
import { withinProjects } from "../../domain/repo-scope";
import type { IssueOpeningStore } from "../../ports/store";
import { taskByKey } from "./model/reads";

const COLUMNS = `holder, since, expires_at AS expiresAt, number, url`;

const openingOf = (db: D1Database, taskId: string, repo: string) =>
  db.prepare(`SELECT ${COLUMNS} FROM issue_openings WHERE task_id = ? AND repo = ?`).bind(taskId, repo).first<IssueOpening>();

/** Writes `next` only if the row is still `current` (absent, or the same holder and expiry with no issue): true when it did. */
async function compareAndSet(db: D1Database, taskId: string, repo: string, current: IssueOpening | null, next: IssueOpening): Promise<boolean> {
  const res = current
    ? await db
        .prepare(`UPDATE issue_openings SET holder = ?, expires_at = ? WHERE task_id = ? AND repo = ? AND holder = ? AND expires_at = ? AND number IS NULL`)
        .bind(next.holder, next.expiresAt, taskId, repo, current.holder, current.expiresAt)
        .run()
    : await db
        .prepare(`INSERT INTO issue_openings (task_id, repo, holder, since, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (task_id, repo) DO NOTHING`)
        .bind(taskId, repo, next.holder, next.since, next.expiresAt)
        .run();
  return res.meta.changes === 1;
}

export function issueOpenings(db: D1Database): IssueOpeningStore {
  return {
    async claimIssueOpening({ taskKey, repo, projectIds, holder, at }) {
      const task = await taskByKey(db, taskKey);
      if (!task || !withinProjects(task, projectIds)) return null;
      // A lost compare-and-set means another claim landed in between: decide again on the row it left.
      for (;;) {
        const current = await openingOf(db, task.id, repo);
        const { claim, write } = decideIssueClaim(current, holder, at);
        if (!write || (await compareAndSet(db, task.id, repo, current, write))) return claim;
      }
    },

    async recordIssueOpened({ taskKey, repo, holder, number, url }) {
      const task = await taskByKey(db, taskKey);
      if (!task) return false;
      // The WHERE is domain/issue-openings.ts mayRecordIssue, as one statement.
      const res = await db
        .prepare(`UPDATE issue_openings SET number = ?, url = ? WHERE task_id = ? AND repo = ? AND holder = ? AND number IS NULL`)
        .bind(number, url, task.id, repo, holder)
        .run();
      return res.meta.changes === 1;
    },
  };
}
