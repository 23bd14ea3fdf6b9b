// How the board arranges tasks: which columns a status view shows, subtasks under their parent, a parent's progress.

import { OPEN_STATUSES, TASK_STATUSES, isDone, type Task, type TaskStatus } from "./tasks";

/** What the board's status filter offers: every status, the open ones, the done ones, or one. */
export const STATUS_VIEWS = ["open", "done", ...TASK_STATUSES] as const;
export type StatusView = (typeof STATUS_VIEWS)[number];

/** The statuses (and so the columns) a view shows; no view shows them all. */
export function statusesOf(view: StatusView | undefined): readonly TaskStatus[] {
  if (!view) return TASK_STATUSES;
  if (view === "open") return OPEN_STATUSES;
  if (view === "done") return TASK_STATUSES.filter(isDone);
  return [view];
}

/** A column's tasks with each subtask right after its parent when both are in it (depth counts the nesting). */
export function nested(col: Task[]): { task: Task; depth: number }[] {
  const ids = new Set(col.map((t) => t.id));
  const under = (t: Task) => !!t.parentId && t.parentId !== t.id && ids.has(t.parentId);
  const kids = new Map<string, Task[]>();
  for (const t of col) if (under(t)) kids.set(t.parentId!, [...(kids.get(t.parentId!) ?? []), t]);
  const out: { task: Task; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (t: Task, depth: number) => {
    if (seen.has(t.id)) return;
    seen.add(t.id);
    out.push({ task: t, depth });
    for (const k of kids.get(t.id) ?? []) visit(k, depth + 1);
  };
  for (const t of col) if (!under(t)) visit(t, 0);
  for (const t of col) visit(t, 0);
  return out;
}

/** Each parent's subtasks in list order, whatever their status: a parent card says how far its parts have got. */
export function subtasksByParent(tasks: Task[]): Map<string, Task[]> {
  const out = new Map<string, Task[]>();
  for (const t of tasks) if (t.parentId && t.parentId !== t.id) out.set(t.parentId, [...(out.get(t.parentId) ?? []), t]);
  return out;
}
