-- Pull requests the hub has seen, and which of a task's links close it (GitHub/Linear closing words, branch names, titles).

-- Written by sync-pull-request on every pull_request event; never deleted. comment_id is the one comment taskhub keeps on the PR.
CREATE TABLE pull_requests (
  id TEXT PRIMARY KEY,          -- owner/repo#number, lower case: the ref of its task links
  repo TEXT NOT NULL,
  number INTEGER NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft','open','review','merged','closed')),
  base TEXT NOT NULL,
  comment_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- 1 when the linked pull request (or commit) completes the task on merge; plain mentions only link.
ALTER TABLE links ADD COLUMN closes INTEGER NOT NULL DEFAULT 0;
