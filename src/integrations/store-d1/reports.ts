// What the reports page counts: completions and logged time since a date.

import type { ReportData } from "../../ports/store";

export async function reportData(db: D1Database, since: string): Promise<ReportData> {
  const [completed, time] = await db.batch([
    db
      .prepare(
        `SELECT p.key AS projectKey, t.created_at AS createdAt, t.completed_at AS completedAt FROM tasks t JOIN projects p ON p.id = t.project_id
         WHERE t.status = 'completed' AND t.completed_at >= ? ORDER BY t.completed_at`,
      )
      .bind(since),
    db
      .prepare(
        `SELECT p.key || '-' || t.number AS taskKey, t.title, e.user_id AS userId, e.minutes, e.created_at AS at
         FROM time_entries e JOIN tasks t ON t.id = e.task_id JOIN projects p ON p.id = t.project_id WHERE e.created_at >= ? ORDER BY e.created_at`,
      )
      .bind(since),
  ]);
  return { completed: completed.results as ReportData["completed"], time: time.results as ReportData["time"] };
}

export async function latestActivityId(db: D1Database): Promise<number> {
  return (await db.prepare(`SELECT COALESCE(MAX(id), 0) AS id FROM activity`).first<{ id: number }>())?.id ?? 0;
}
