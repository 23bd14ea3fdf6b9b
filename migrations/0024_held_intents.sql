-- Held intents (issue #17, ordering): a session's update of a task the hub has not seen created yet waits here,
-- keyed by project and the task's external key, until the create arrives (the queue promises no order across
-- batches). The cron discards what waited longer than a day (domain/held-intents.ts HOLD_MS).
CREATE TABLE held_intents (
  id TEXT PRIMARY KEY,            -- a hash of the intent and where it waits: a replayed post holds nothing twice
  project_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  external_key TEXT NOT NULL,
  door_at TEXT NOT NULL,
  seq INTEGER NOT NULL,
  intent TEXT NOT NULL            -- the TaskIntent, JSON
);
CREATE INDEX held_intents_by_key ON held_intents(project_id, external_key);
CREATE INDEX held_intents_by_session ON held_intents(session_id);
CREATE INDEX held_intents_by_door ON held_intents(door_at);
