-- GET /metrics (issue #16 item 1): requests counted per minute, route, method, status and latency bucket, so the
-- counters survive isolates coming and going. One upsert per request (src/http/count-requests.ts), after the response.
CREATE TABLE request_minutes (
  minute TEXT NOT NULL,    -- 2026-12-01T15:04 (UTC)
  route TEXT NOT NULL,     -- the matched route pattern (/api/tasks/:key), never the raw path: bounded cardinality
  method TEXT NOT NULL,
  status INTEGER NOT NULL,
  bucket INTEGER NOT NULL, -- index of the latency bound it fits under (src/domain/metrics.ts REQUEST_SECONDS)
  count INTEGER NOT NULL,
  seconds REAL NOT NULL,   -- the latencies' sum
  PRIMARY KEY (minute, route, method, status, bucket)
) WITHOUT ROWID;
