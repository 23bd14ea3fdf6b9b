// Subtasks on D1: the parent a create or an edit names, checked (same project, no cycle), and a task's subtasks.

import { parentCycle } from "../../../domain/graph";
import type { Task } from "../../../domain/tasks";
import { StoreError } from "../../../ports/store";
import { ancestors } from "./graph";
import { taskByKey, tasksByIds } from "./reads";

/**
 * The parent's id for a task of `projectId` (null detaches; undefined leaves it). `task` is the task being
 * edited (null on create): a parent that is the task itself or one of its subtasks would close a cycle.
 */
export async function resolveParent(db: D1Database, projectId: string, task: Task | null, parentKey: string | null | undefined): Promise<string | null | undefined> {
  if (parentKey == null) return parentKey;
  const parent = await taskByKey(db, parentKey);
  if (!parent) throw new StoreError("invalid", `No task ${parentKey} to be the parent`, { parent: parentKey });
  if (parent.projectId !== projectId) throw new StoreError("invalid", `${parent.key} is in another project; a parent must be in the same project`, { parent: parent.key });
  if (!task) return parent.id;
  const up = await ancestors(db, parent.id);
  const loop = parentCycle(task.id, parent.id, (id) => up.get(id));
  if (loop) {
    const keys = new Map((await tasksByIds(db, loop)).map((t) => [t.id, t.key]));
    const named = loop.map((id) => keys.get(id) ?? id);
    throw new StoreError("cycle", `${task.key} cannot be a subtask of ${parent.key}: ${named.join(" → ")} would be a cycle`, { path: named });
  }
  return parent.id;
}

/** The subtasks' keys, oldest first, and the parent's key. */
export async function family(db: D1Database, task: Task): Promise<{ parent: string | null; subtasks: string[] }> {
  const [parent, subtasks] = await db.batch<{ k: string }>([
    db.prepare(`SELECT p.key || '-' || t.number AS k FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = ?`).bind(task.parentId),
    db.prepare(`SELECT p.key || '-' || t.number AS k FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.parent_id = ? ORDER BY t.number`).bind(task.id),
  ]);
  return { parent: parent.results[0]?.k ?? null, subtasks: subtasks.results.map((r) => r.k) };
}
