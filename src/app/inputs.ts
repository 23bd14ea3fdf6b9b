// One zod schema per use-case input: REST validates and documents with these, MCP and the dashboard forms map onto them.

import { z } from "zod";
import { isTaskCursor } from "../domain/cursor";
import { ROLES } from "../domain/permissions";
import { DESCRIPTION_MAX, PRIORITIES, TASK_STATUSES, TITLE_MAX } from "../domain/tasks";

export const statusInput = z.enum(TASK_STATUSES);
export const priorityInput = z.enum(PRIORITIES);
const isoDate = z.iso.datetime({ offset: true });
const tags = z.array(z.string().max(50)).max(20);
/** A user id or an email address; null unassigns. */
const assignee = z.string().trim().min(1).max(320).nullish();
/** The parent task's key (same project); null detaches a subtask. */
const parent = z.string().trim().min(1).max(40).nullish();
/** Hours the work is expected to take; null clears the estimate. */
const estimatedHours = z.number().min(0).max(10_000).nullish();

export const newTaskInput = z.object({
  project: z.string().min(1),
  title: z.string().trim().min(1).max(TITLE_MAX),
  description: z.string().max(DESCRIPTION_MAX).nullish(),
  priority: priorityInput.optional(),
  dueAt: isoDate.nullish(),
  tags: tags.optional(),
  assignee,
  parent,
  estimatedHours,
});
export type NewTaskInput = z.input<typeof newTaskInput>;

export const taskPatchInput = z.object({
  title: z.string().trim().min(1).max(TITLE_MAX).optional(),
  description: z.string().max(DESCRIPTION_MAX).nullish(),
  priority: priorityInput.optional(),
  dueAt: isoDate.nullish(),
  tags: tags.optional(),
  status: statusInput.optional(),
  assignee,
  parent,
  estimatedHours,
});
export type TaskPatchInput = z.input<typeof taskPatchInput>;

export const moveInput = z.object({ status: statusInput });

export const commentInput = z.object({ body: z.string().trim().min(1).max(DESCRIPTION_MAX) });

/** At most a day per entry: a typo of 999999999 minutes would swamp every report. */
export const timeEntryInput = z.object({ minutes: z.number().int().min(1).max(24 * 60), note: z.string().max(200).optional() });

export const dependencyInput = z.object({ dependsOn: z.string().trim().min(1).max(40) });

export const memberInput = z.object({ role: z.enum(ROLES) });

/** A list page's position: only cursors the hub issued (a made-up one is a bad request, not a store failure). */
export const cursorInput = z.string().refine(isTaskCursor, "Not a cursor this hub issued: pass back nextCursor unchanged");

/** POST /api/import/tracker: a tracker's files as they are on disk (cli/trackers.mjs reads them); the hub parses them. */
export const trackerImportInput = z.object({
  from: z.enum(["beads", "taskmaster", "backlog", "claude-tasks"]),
  listId: z.string().trim().min(1).max(200).optional(),
  files: z.array(z.object({ path: z.string().min(1).max(500), text: z.string() })).min(1).max(5000),
});
