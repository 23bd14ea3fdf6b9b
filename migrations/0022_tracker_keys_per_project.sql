-- A tracker's ids are per repository (every Task Master project has "taskmaster:master:1"): store them under the
-- task's project id, as src/domain/trackers/keys.ts storedTrackerKey does from now on.
UPDATE tasks SET external_key = project_id || '/' || external_key
WHERE external_key GLOB 'beads:*' OR external_key GLOB 'taskmaster:*' OR external_key GLOB 'backlog:*';
UPDATE task_keys SET external_key = (SELECT project_id FROM tasks WHERE tasks.id = task_keys.task_id) || '/' || external_key
WHERE external_key GLOB 'beads:*' OR external_key GLOB 'taskmaster:*' OR external_key GLOB 'backlog:*';
