// More keys for one task: a hub task given an id in Claude Code's own task list answers to claude:<list>:<n> too.

export interface TaskAlias {
  taskId: string;
  externalKey: string;
}

export interface TaskAliasStore {
  /** Every task keyed under this prefix, by its own external key or by an alias, with the key it holds there. */
  tasksKeyedUnder(prefix: string, limit: number): Promise<TaskAlias[]>;
  /** Adds each alias whose key no task holds yet (as its own key or an alias); returns those added. */
  addTaskAliases(aliases: TaskAlias[], at: string): Promise<TaskAlias[]>;
}
