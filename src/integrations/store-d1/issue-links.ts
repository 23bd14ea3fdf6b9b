// Reads that resolve GitHub issue references to the tasks mirroring them.

export async function tasksForIssues(db: D1Database, issueIds: string[]): Promise<Record<string, string>> {
  if (!issueIds.length) return {};
  const { results } = await db
    .prepare(
      `SELECT l.ref AS ref, p.key || '-' || t.number AS key FROM links l JOIN tasks t ON t.id = l.task_id JOIN projects p ON p.id = t.project_id
       WHERE l.kind = 'issue' AND l.ref IN (SELECT value FROM json_each(?))`,
    )
    .bind(JSON.stringify(issueIds))
    .all<{ ref: string; key: string }>();
  return Object.fromEntries(results.map((r) => [r.ref, r.key]));
}
