-- Subtasks: a task's subtasks are read by their parent, in number order (GET /api/tasks/{key}, the board).
CREATE INDEX tasks_by_parent ON tasks(parent_id, number) WHERE parent_id IS NOT NULL;
