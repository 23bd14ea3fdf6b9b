-- Claims on opening a task's GitHub issue (domain/issue-openings.ts): one row per task and synced repository, so
-- overlapping or retried sync runs open one issue. The number GitHub gave is kept here before the task's link is written.
-- No foreign key on task_id: a deleted task's row is inert (nothing syncs a task that is gone) and must not block the delete.
CREATE TABLE issue_openings (
  task_id TEXT NOT NULL,
  repo TEXT NOT NULL,          -- owner/repo, lower case
  holder TEXT NOT NULL,        -- the sync step holding the claim (its event id, stable across the engine's retries)
  since TEXT NOT NULL,         -- the first claim: any issue the hub opened for the task here was opened since
  expires_at TEXT NOT NULL,
  number INTEGER,
  url TEXT,
  PRIMARY KEY (task_id, repo)
);
