-- Ingest acts only where it may (#13) and one intent is one task under concurrency (#14).
-- A session belongs to whoever first posted it ("user:<id>" or "token:<id>"); another poster is refused.
ALTER TABLE sessions ADD COLUMN owner TEXT;
-- A token of no person can be limited to these project keys (JSON array); NULL means every project.
ALTER TABLE tokens ADD COLUMN projects TEXT;
-- More keys for a task than its own external_key: a Task-tool key adopted by a prose task of the same session,
-- and the session's title key ("title:<project>:<session>:<title_norm>"), whose uniqueness turns a second,
-- concurrent insert of the same intent into a conflict that the retry resolves by finding the first.
CREATE TABLE task_keys (
  external_key TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE, -- the keys go with their task
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX task_keys_by_task ON task_keys(task_id);
