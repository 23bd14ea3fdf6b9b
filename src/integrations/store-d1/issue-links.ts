// GitHub issues and PRs as tasks know them: resolve issue references to the tasks they belong to, and link one at a person's request.

import { capText } from "../../domain/tasks";
import type { GitHubItemLink } from "../../ports/store";
import { taskByKey } from "./reads";

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

/** Links an issue or PR to a task at a person's request ("/taskhub link HUB-12"); false when the task is unknown or already linked. */
export async function linkGitHubItem(db: D1Database, l: GitHubItemLink): Promise<boolean> {
  const task = await taskByKey(db, l.taskKey);
  if (!task) return false;
  const id = crypto.randomUUID();
  const [insert] = await db.batch([
    db
      .prepare(
        `INSERT INTO links (id, task_id, kind, url, ref, state, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)
         ON CONFLICT (task_id, kind, ref) DO NOTHING`,
      )
      .bind(id, task.id, l.kind, l.url, l.ref, capText(l.title, 200), l.at, l.at),
    // Only a link this call made is news for the feed.
    db
      .prepare(`INSERT INTO activity (at, actor, action, task_id, project_id, data) SELECT ?, ?, 'linked', ?, ?, ? WHERE EXISTS (SELECT 1 FROM links WHERE id = ?)`)
      .bind(l.at, l.actor, task.id, task.projectId, JSON.stringify({ kind: l.kind, ref: l.ref, url: l.url, by: "comment" }), id),
  ]);
  return insert.meta.changes === 1;
}
