-- Shared boards (issue #16 item 3): a read-only link to one project's board, graph and reports. Only the SHA-256 of
-- the link's secret is kept; the secret is shown once, to the owner who made it.
CREATE TABLE shared_links (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  secret_hash TEXT NOT NULL, -- hex SHA-256 of the secret in the link, compared in constant time
  label TEXT NOT NULL,
  created_by TEXT NOT NULL,  -- the actor (user:<id>, token:<name>, admin)
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX shared_links_by_project ON shared_links(project_id, created_at);
