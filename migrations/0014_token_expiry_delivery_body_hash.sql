-- Sign-in tokens expire (issue #13 item 7); a signed body seen before is a duplicate whatever its delivery id (item 8).
ALTER TABLE tokens ADD COLUMN expires_at TEXT; -- null: valid until revoked
ALTER TABLE deliveries ADD COLUMN body_hash TEXT; -- hex SHA-256 of the signed body (GitHub); null elsewhere
CREATE UNIQUE INDEX deliveries_by_body_hash ON deliveries(body_hash) WHERE body_hash IS NOT NULL;
