-- The chain (subagent run) of each sidechain transcript line without an agentId, so a slice that starts
-- inside a pre-2.1 subagent run keeps that run's chain. Written by POST /transcripts, never deleted.
CREATE TABLE transcript_chains (
  session_id TEXT NOT NULL,
  uuid TEXT NOT NULL,
  chain TEXT NOT NULL,
  PRIMARY KEY (session_id, uuid)
) WITHOUT ROWID;
