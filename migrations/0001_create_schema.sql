-- The whole data model (DESIGN.md §5). Every task change writes an activity row in the same batch.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  github_login TEXT UNIQUE COLLATE NOCASE,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  digest TEXT NOT NULL DEFAULT 'off' CHECK (digest IN ('off','daily','weekly')),
  digest_hour INTEGER NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
  unsubscribed TEXT NOT NULL DEFAULT '[]', -- JSON array of email kinds turned off
  last_digest_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT REFERENCES users(id),
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE, -- hex SHA-256 of the token; the token itself is never stored
  scopes TEXT NOT NULL,      -- JSON array: ingest | read | write | admin
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','completed','archived')),
  repos TEXT NOT NULL DEFAULT '[]',   -- JSON array of owner/name, lower case
  paths TEXT NOT NULL DEFAULT '[]',   -- JSON array of cwd prefixes
  settings TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE members (
  project_id TEXT NOT NULL REFERENCES projects(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('owner','member','viewer')),
  PRIMARY KEY (project_id, user_id)
);

CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  title_norm TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL CHECK (status IN ('todo','in_progress','review','completed','cancelled')),
  priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('low','medium','high','urgent')),
  assignee_id TEXT REFERENCES users(id),
  creator_id TEXT,
  due_at TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  estimated_hours REAL,
  source_kind TEXT NOT NULL DEFAULT 'manual',
  source_ref TEXT,
  session_id TEXT,   -- the Claude Code session that created it, if any
  chain TEXT,        -- main or the subagent's id, for TodoWrite lists
  parent_id TEXT,
  external_key TEXT UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  completed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  change_id TEXT NOT NULL, -- id of the last operation that wrote it; guards the rest of that batch
  UNIQUE (project_id, number)
);
CREATE INDEX tasks_by_project_status ON tasks(project_id, status, number);
CREATE INDEX tasks_by_session_chain ON tasks(session_id, chain, status);
CREATE INDEX tasks_by_project_title ON tasks(project_id, title_norm);
CREATE INDEX tasks_by_status_due ON tasks(status, due_at);
CREATE INDEX tasks_by_assignee ON tasks(assignee_id, status);
CREATE INDEX tasks_by_created ON tasks(created_at, number, id);

CREATE TABLE dependencies (
  task_id TEXT NOT NULL REFERENCES tasks(id),
  depends_on_id TEXT NOT NULL REFERENCES tasks(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (task_id, depends_on_id)
);
CREATE INDEX dependencies_by_blocker ON dependencies(depends_on_id);

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id),
  author TEXT NOT NULL,
  body TEXT NOT NULL,
  external_key TEXT UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX comments_by_task ON comments(task_id, created_at);

CREATE TABLE time_entries (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id),
  user_id TEXT,
  minutes INTEGER NOT NULL CHECK (minutes > 0),
  source TEXT NOT NULL CHECK (source IN ('session','commit','manual')),
  ref TEXT,
  external_key TEXT UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX time_entries_by_task ON time_entries(task_id);

CREATE TABLE links (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id),
  kind TEXT NOT NULL CHECK (kind IN ('commit','pull_request','issue','session')),
  url TEXT,
  ref TEXT NOT NULL,
  state TEXT,
  title TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (task_id, kind, ref)
);
CREATE INDEX links_by_ref ON links(kind, ref);

CREATE TABLE deliveries (
  id TEXT PRIMARY KEY, -- source-scoped: github:<X-GitHub-Delivery>, transcript:<hash>, hook:<hash>
  source TEXT NOT NULL,
  event TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'received', -- received | emitted | processed | failed | ignored
  error TEXT,
  payload TEXT, -- the compact payload the workflows read
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX deliveries_by_received ON deliveries(received_at);

-- Every transcript line seen, once: the per-line idempotency of POST /transcripts.
CREATE TABLE transcript_lines (
  session_id TEXT NOT NULL,
  uuid TEXT NOT NULL,
  PRIMARY KEY (session_id, uuid)
) WITHOUT ROWID;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY, -- Claude Code sessionId
  project_id TEXT REFERENCES projects(id),
  user_id TEXT,
  cwd TEXT,
  git_branch TEXT,
  last_line_uuid TEXT,
  last_at TEXT,
  active_minutes INTEGER NOT NULL DEFAULT 0,
  chains TEXT NOT NULL DEFAULT '{}', -- JSON {chain: ISO time of the last list applied}
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE emails (
  id TEXT PRIMARY KEY,
  to_address TEXT NOT NULL,
  user_id TEXT,
  kind TEXT NOT NULL,
  task_id TEXT,
  subject TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  headers TEXT NOT NULL DEFAULT '{}',
  idempotency_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL, -- queued | sent | failed
  provider_id TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX emails_by_created ON emails(created_at);

CREATE TABLE activity (
  id INTEGER PRIMARY KEY AUTOINCREMENT, -- monotonically increasing: the live feed's cursor
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  task_id TEXT,
  project_id TEXT,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX activity_by_task ON activity(task_id, id);
CREATE INDEX activity_by_project ON activity(project_id, id);
