-- A person's tasks and one status's tasks in list order: with these a filtered page is a walk of exactly the matching
-- tasks from the cursor, not a walk of the whole project testing each one (84 ms at 100,000 tasks for a person with
-- none there). store-d1/reads.ts listTasks writes a single status as an equality so the second one applies.
CREATE INDEX IF NOT EXISTS tasks_by_project_assignee_created ON tasks(project_id, assignee_id, created_at, number, id);
CREATE INDEX IF NOT EXISTS tasks_by_project_status_created ON tasks(project_id, status, created_at, number, id);
