-- Project task lists page in (created_at, number, id) order: with this index a page is an index walk from the
-- cursor, not a sort of the whole project (189 ms p95 at 100,000 tasks in npm run bench before it).
CREATE INDEX IF NOT EXISTS tasks_by_project_created ON tasks(project_id, created_at, number, id);
