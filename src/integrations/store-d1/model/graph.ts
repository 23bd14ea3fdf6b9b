// Dependency edges on D1: those reachable from a task, for the pure cycle check in src/domain/graph.ts.

/** Every edge reachable from a task along depends-on, for cycle checks. */
export async function edgesFrom(db: D1Database, from: string): Promise<Map<string, string[]>> {
  const { results } = await db
    .prepare(
      `WITH RECURSIVE reach(id) AS (SELECT ? UNION SELECT d.depends_on_id FROM dependencies d JOIN reach r ON d.task_id = r.id)
       SELECT d.task_id AS taskId, d.depends_on_id AS dependsOnId FROM dependencies d JOIN reach r ON d.task_id = r.id`,
    )
    .bind(from)
    .all<{ taskId: string; dependsOnId: string }>();
  const edges = new Map<string, string[]>();
  for (const e of results) edges.set(e.taskId, [...(edges.get(e.taskId) ?? []), e.dependsOnId]);
  return edges;
}

/** A task and its ancestors, each with its parent: what the pure parent-cycle check walks. */
export async function ancestors(db: D1Database, from: string): Promise<Map<string, string | null>> {
  const { results } = await db
    .prepare(
      `WITH RECURSIVE up(id, parent) AS (SELECT id, parent_id FROM tasks WHERE id = ? UNION SELECT t.id, t.parent_id FROM tasks t JOIN up ON t.id = up.parent)
       SELECT id, parent FROM up LIMIT 10000`,
    )
    .bind(from)
    .all<{ id: string; parent: string | null }>();
  return new Map(results.map((r) => [r.id, r.parent]));
}
