// Keys a task answers to besides its own external key (D1 task_keys, Convex taskKeys): here, its ids in Claude Code's own task list.

export interface TaskKey {
  taskId: string;
  externalKey: string;
}

export interface TaskKeyStore {
  /** Every task keyed under this prefix, by its own external key or by another key it answers to, with that key. */
  tasksKeyedUnder(prefix: string, limit: number): Promise<TaskKey[]>;
  /** Adds each key no task answers to yet (as its own key or another), for a task that exists; returns those added. */
  addTaskKeys(keys: TaskKey[], at: string): Promise<TaskKey[]>;
  /** Which of these keys some task answers to (its own key or another), in any project. */
  knownTaskKeys(keys: string[]): Promise<Set<string>>;
}
