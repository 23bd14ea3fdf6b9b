-- The event each delivery emits, kept with it, so a delivery whose emit never happened (the engine
-- was down, the request timed out) is emitted again by the re-emit-deliveries sweep.
ALTER TABLE deliveries ADD COLUMN emit TEXT;
CREATE INDEX deliveries_by_status_received ON deliveries(status, received_at);
