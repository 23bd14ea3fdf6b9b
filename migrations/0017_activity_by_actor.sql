-- A session's page lists what it changed: activity rows by actor (claude:<session>), newest first.
CREATE INDEX activity_by_actor ON activity(actor, id);
