-- More keys for one task: a hub task given an id in Claude Code's own task list (claude:<list>:<n>) keeps its
-- own external key and answers to this one too, so that list's TaskUpdate and TaskCompleted reach it.
CREATE TABLE task_aliases (
  external_key TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
);
CREATE INDEX task_aliases_by_task ON task_aliases(task_id);
