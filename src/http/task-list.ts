// The X-Taskhub-Task-List header: the shared Claude Code task list a hook or transcript post belongs to.

import type { Context } from "hono";
import { taskListId } from "../domain/trackers/claude-tasks";
import { ApiError } from "./errors";

export const TASK_LIST_HEADER = "x-taskhub-task-list";

export function taskListOf(c: Context): string | null {
  const parsed = taskListId(c.req.header(TASK_LIST_HEADER));
  if (!parsed.ok) {
    throw new ApiError(400, "invalid_task_list", "X-Taskhub-Task-List must be a task list id: letters, digits, '.', '_' or '-', at most 200");
  }
  return parsed.list;
}
