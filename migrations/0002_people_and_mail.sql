-- Lookups the mail workflows and the people API make: emails by task and recipient, members by user.

CREATE INDEX emails_by_task_kind ON emails(task_id, kind, created_at);
CREATE INDEX emails_by_to_kind ON emails(to_address COLLATE NOCASE, kind, created_at);
CREATE INDEX members_by_user ON members(user_id);
CREATE INDEX users_by_digest ON users(digest, digest_hour);
