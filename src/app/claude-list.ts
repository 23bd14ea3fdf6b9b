// Claude Code's own task list from the hub's side: what it should hold of a project, and the ids the hook gives the hub's tasks there.

import { claudeIdOf, claudeListTasks, listPrefix, type ClaudeListTask } from "../domain/claude-list";
import type { Project } from "../domain/projects";
import { claudeKey } from "../domain/trackers/claude-tasks";
import type { Store } from "../ports/store";

/** Claude numbers a list's tasks from 1; more keyed tasks than this in one list is not a list a person reads. */
const KEYED_MAX = 2_000;

export async function claudeTaskList(store: Store, project: Project, list: string): Promise<ClaudeListTask[]> {
  const [graph, keyed] = await Promise.all([store.projectGraph(project.key), store.tasksKeyedUnder(listPrefix(list), KEYED_MAX)]);
  return claudeListTasks(list, graph, project.id, keyed);
}

/**
 * Gives hub tasks ids in the list, as the hook chose them (the next free above the folder's files). An id
 * another task holds already, or a task of another project, is refused; the answer lists what was kept.
 */
export async function assignClaudeIds(store: Store, project: Project, list: string, assign: { key: string; claudeId: string }[], at: string) {
  const tasks = await Promise.all(assign.map((a) => store.getTask(a.key)));
  const aliases = assign.flatMap((a, i) => {
    const t = tasks[i];
    const key = claudeKey(list, a.claudeId);
    return t && t.projectId === project.id && claudeIdOf(list, key) ? [{ taskId: t.id, externalKey: key, taskKey: t.key }] : [];
  });
  const added = new Set((await store.addTaskAliases(aliases.map(({ taskId, externalKey }) => ({ taskId, externalKey })), at)).map((a) => a.externalKey));
  return aliases.filter((a) => added.has(a.externalKey)).map((a) => ({ key: a.taskKey, claudeId: claudeIdOf(list, a.externalKey)! }));
}
