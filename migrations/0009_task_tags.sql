-- Each task's tags, one row per tag, in the project's list order: a tag filter walks only that tag's tasks (see
-- store-d1/reads.ts listTasks) instead of testing every task's JSON. Written by the triggers below, never by the app,
-- as tasks_fts is; the list query still checks tasks.tags, so this table only chooses where to look.
CREATE TABLE IF NOT EXISTS task_tags (
  task_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  created_at TEXT NOT NULL,
  number INTEGER NOT NULL,
  PRIMARY KEY (task_id, tag)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS task_tags_by_project_tag ON task_tags(project_id, tag, created_at, number, task_id);
INSERT OR IGNORE INTO task_tags (task_id, project_id, tag, created_at, number)
  SELECT t.id, t.project_id, j.value, t.created_at, t.number FROM tasks t, json_each(t.tags) j WHERE j.type = 'text';
CREATE TRIGGER IF NOT EXISTS task_tags_insert AFTER INSERT ON tasks BEGIN
  INSERT OR IGNORE INTO task_tags (task_id, project_id, tag, created_at, number)
    SELECT new.id, new.project_id, value, new.created_at, new.number FROM json_each(new.tags) WHERE type = 'text';
END;
CREATE TRIGGER IF NOT EXISTS task_tags_update AFTER UPDATE OF tags, project_id, created_at, number ON tasks BEGIN
  DELETE FROM task_tags WHERE task_id = old.id;
  INSERT OR IGNORE INTO task_tags (task_id, project_id, tag, created_at, number)
    SELECT new.id, new.project_id, value, new.created_at, new.number FROM json_each(new.tags) WHERE type = 'text';
END;
CREATE TRIGGER IF NOT EXISTS task_tags_delete AFTER DELETE ON tasks BEGIN
  DELETE FROM task_tags WHERE task_id = old.id;
END;
