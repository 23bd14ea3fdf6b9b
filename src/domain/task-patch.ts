// What an edit of a task records: the activity action, each field's before and after, and the completion time.

import type { TaskFields } from "./ingest";
import type { Task, TaskStatus } from "./tasks";

export type TaskEdit = TaskFields & { assigneeId?: string | null; parentId?: string | null; estimatedHours?: number | null };

/** The activity an edit writes, and the completion time a status move sets. */
export function describeEdit(
  before: Pick<Task, "status"> & Partial<Task>,
  fields: TaskEdit,
  at: string,
): { action: "status_changed" | "updated"; changes: Record<string, [unknown, unknown]>; completedAt?: string | null } {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [field, value] of Object.entries(fields)) if (value !== undefined) changes[field] = [before[field as keyof Task] ?? null, value];
  const moved = fields.status !== undefined && fields.status !== before.status;
  return {
    action: moved ? "status_changed" : "updated",
    changes,
    ...(moved ? { completedAt: (fields.status as TaskStatus) === "completed" ? at : null } : {}),
  };
}
