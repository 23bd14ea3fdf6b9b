// Claude Code's own task list from the hub's side: what it should hold of a project, and the ids the SessionStart hook gives the hub's tasks there.

import { claudeIdOf, claudeListTasks, listPrefix, mayKeyList, type ClaudeListTask } from "../domain/claude-list";
import { needsRole } from "../domain/permissions";
import { claudeKey } from "../domain/trackers/claude-tasks";
import { now, type UseCaseContext } from "./context";
import { AppError } from "./errors";
import { projectOfCwd } from "./projects";

/** Claude numbers a list's tasks from 1; more keyed tasks than this in one list is not a list a person reads. */
const KEYED_MAX = 2_000;

/** The list for a session's folder: its project's open tasks and those already in the list; nothing where the caller may not read. */
export async function claudeTaskList(ctx: UseCaseContext, cwd: string, list: string): Promise<{ project: string | null; tasks: ClaudeListTask[] }> {
  const project = await projectOfCwd(ctx, cwd);
  if (!project) return { project: null, tasks: [] };
  const { store } = ctx.services;
  const [graph, keyed] = await Promise.all([store.projectGraph(project.key), store.tasksKeyedUnder(listPrefix(list), KEYED_MAX)]);
  return { project: project.key, tasks: claudeListTasks(list, graph, project.id, keyed) };
}

/**
 * Gives hub tasks ids in the list, as the hook chose them (the next free above the folder's files), so Claude's
 * TaskUpdate and TaskCompleted on them reach those tasks. An id another task holds already, or a task of another
 * project, is refused; the answer lists what was kept.
 */
export async function assignClaudeIds(ctx: UseCaseContext, cwd: string, list: string, assign: { key: string; claudeId: string }[]) {
  const project = await projectOfCwd(ctx, cwd);
  if (!project) return { project: null, assigned: [] };
  const { store } = ctx.services;
  const role = needsRole(ctx.asker) ? await store.roleIn(project.id, ctx.asker.userId!) : null;
  if (!mayKeyList(ctx.asker, project.key, role)) {
    throw new AppError("forbidden", `Giving tasks of ${project.key} ids in Claude's list needs the write or ingest rights of the project`, { project: project.key, role });
  }
  const tasks = await Promise.all(assign.map((a) => store.getTask(a.key)));
  const keys = assign.flatMap((a, i) => {
    const t = tasks[i];
    const externalKey = claudeKey(list, a.claudeId);
    return t && t.projectId === project.id && claudeIdOf(list, externalKey) ? [{ taskId: t.id, externalKey, taskKey: t.key }] : [];
  });
  const added = new Set((await store.addTaskKeys(keys.map(({ taskId, externalKey }) => ({ taskId, externalKey })), now())).map((k) => k.externalKey));
  return { project: project.key, assigned: keys.filter((k) => added.has(k.externalKey)).map((k) => ({ key: k.taskKey, claudeId: claudeIdOf(list, k.externalKey)! })) };
}
