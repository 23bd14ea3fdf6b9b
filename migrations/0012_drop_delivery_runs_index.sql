-- The launch limit now counts runs in workflow_runs (0011), kept by the Cloudflare engine itself; this index
-- served only the store's old count of delivery runs alive.
DROP INDEX IF EXISTS deliveries_by_status_updated;
