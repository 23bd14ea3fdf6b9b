// Deadline reads on D1: the open tasks whose due date falls in a window (the sweep's catch-up list).

import type { Task } from "../../domain/tasks";
import { TASK_COLUMNS, toTask, type TaskRow } from "./rows";

export async function dueBetween(db: D1Database, from: string, to: string, limit: number): Promise<Task[]> {
  const { results } = await db
    .prepare(
      `SELECT ${TASK_COLUMNS} FROM tasks t JOIN projects p ON p.id = t.project_id
       WHERE t.status IN ('todo','in_progress','review') AND t.due_at >= ? AND t.due_at < ? ORDER BY t.due_at LIMIT ?`,
    )
    .bind(from, to, limit)
    .all<TaskRow>();
  return results.map(toTask);
}
