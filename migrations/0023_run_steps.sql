-- Run traces (issue #16 item 2): each workflow run and its steps as we saw them run, on either engine, so /runs can
-- draw a waterfall and say a run's state where the engine cannot (Inngest). Inputs and outputs are short capped views.
CREATE TABLE run_traces (
  workflow TEXT NOT NULL,
  event_id TEXT NOT NULL,
  delivery_id TEXT,
  engine TEXT NOT NULL,
  input TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  status TEXT NOT NULL,       -- running, complete, errored, terminated
  attempts INTEGER NOT NULL,
  error TEXT,
  PRIMARY KEY (workflow, event_id)
);
CREATE INDEX run_traces_by_delivery ON run_traces(delivery_id, started_at);
CREATE INDEX run_traces_by_start ON run_traces(started_at);

CREATE TABLE run_steps (
  workflow TEXT NOT NULL,
  event_id TEXT NOT NULL,
  name TEXT NOT NULL,
  seq INTEGER NOT NULL,        -- order of first start within the run
  kind TEXT NOT NULL,          -- run, sleep, send
  started_at TEXT NOT NULL,
  ended_at TEXT,
  attempts INTEGER NOT NULL,
  error TEXT,
  input TEXT,
  output TEXT,
  PRIMARY KEY (workflow, event_id, name)
);
