-- Local Workflows' launch limit (src/integrations/engine-cloudflare/launch-limit.ts): the runs the Cloudflare
-- engine started and when they ended, written only while WORKFLOW_LAUNCH_LIMIT is set (`npm run dev`).
CREATE TABLE IF NOT EXISTS workflow_runs (
  instance_id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  ended_at TEXT
);
-- Both counts (not ended and started since, ended since) read this index; NULL ended_at sorts first.
CREATE INDEX IF NOT EXISTS workflow_runs_by_end ON workflow_runs(ended_at, started_at);
CREATE INDEX IF NOT EXISTS workflow_runs_by_start ON workflow_runs(started_at);
