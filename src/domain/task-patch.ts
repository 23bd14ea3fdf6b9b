// What an edit of a task changes: the fields that differ (text capped first) and the record the activity keeps.

import type { TaskFields } from "./ingest";
import { capText, DESCRIPTION_MAX, TITLE_MAX, type Task, type TaskStatus } from "./tasks";

export type TaskEdit = TaskFields & { assigneeId?: string | null };

/** The fields of an edit that differ from the task; an empty object means nothing changes. */
export function changedFields(before: Task, edit: TaskEdit): TaskEdit {
  const capped: TaskEdit = {
    ...edit,
    ...(edit.title !== undefined ? { title: capText(edit.title, TITLE_MAX) } : {}),
    ...(edit.description ? { description: capText(edit.description, DESCRIPTION_MAX) } : {}),
  };
  return Object.fromEntries(
    Object.entries(capped).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(before[k as keyof Task])),
  ) as TaskEdit;
}

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
