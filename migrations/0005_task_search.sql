-- Text search over task titles and descriptions: an FTS5 trigram index, so a substring search at 100,000 tasks
-- reads the index instead of scanning every row with LIKE. Written by the triggers below, never by the app.
-- It keys on tasks' rowid: nothing here VACUUMs (which may renumber rowids of a table without an INTEGER PRIMARY KEY).
CREATE VIRTUAL TABLE tasks_fts USING fts5(title, description, content = 'tasks', content_rowid = 'rowid', tokenize = 'trigram');

INSERT INTO tasks_fts (rowid, title, description) SELECT rowid, title, COALESCE(description, '') FROM tasks;

CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO tasks_fts (rowid, title, description) VALUES (new.rowid, new.title, COALESCE(new.description, ''));
END;

CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
  INSERT INTO tasks_fts (tasks_fts, rowid, title, description) VALUES ('delete', old.rowid, old.title, COALESCE(old.description, ''));
END;

CREATE TRIGGER tasks_fts_update AFTER UPDATE OF title, description ON tasks BEGIN
  INSERT INTO tasks_fts (tasks_fts, rowid, title, description) VALUES ('delete', old.rowid, old.title, COALESCE(old.description, ''));
  INSERT INTO tasks_fts (rowid, title, description) VALUES (new.rowid, new.title, COALESCE(new.description, ''));
END;
