-- Delivery runs alive (emitted, or ended within the last minutes), counted before a delivery's run starts
-- so a burst cannot hold more local Workflows instances open than the dev server can bear.
CREATE INDEX IF NOT EXISTS deliveries_by_status_updated ON deliveries(status, updated_at);
