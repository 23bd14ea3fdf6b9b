// GitHub links on D1: commits and pull requests moving their tasks, mirrored issues, links asked for in comments, the one PR comment.

import { withinProjects } from "../../domain/repo-scope";
import { capText } from "../../domain/tasks";
import type { GitHubItemLink, GitHubStore } from "../../ports/store";
import { applyCommitRef } from "./model/commits";
import { mirrorIssue } from "./model/issues";
import { applyPullRequest, openPullRequestsOf, pullRequestComment, recordPullRequestComment } from "./model/pull-requests";
import { taskByKey } from "./model/reads";

async function tasksForIssues(db: D1Database, issueIds: string[], projectIds: string[]): Promise<Record<string, string>> {
  if (!issueIds.length || !projectIds.length) return {};
  const { results } = await db
    .prepare(
      `SELECT l.ref AS ref, p.key || '-' || t.number AS key FROM links l JOIN tasks t ON t.id = l.task_id JOIN projects p ON p.id = t.project_id
       WHERE l.kind = 'issue' AND l.ref IN (SELECT value FROM json_each(?)) AND t.project_id IN (SELECT value FROM json_each(?))`,
    )
    .bind(JSON.stringify(issueIds), JSON.stringify(projectIds))
    .all<{ ref: string; key: string }>();
  return Object.fromEntries(results.map((r) => [r.ref, r.key]));
}

/** Links an issue or PR to a task at a person's request ("/taskhub link HUB-12"); false when the task is unknown or already linked. */
async function linkGitHubItem(db: D1Database, l: GitHubItemLink): Promise<boolean> {
  const task = await taskByKey(db, l.taskKey);
  if (!task || !withinProjects(task, l.projectIds)) return false;
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
      .bind(l.at, l.actor, task.id, task.projectId, JSON.stringify({ kind: l.kind, ref: l.ref, url: l.url, by: l.by ?? "comment" }), id),
  ]);
  return insert.meta.changes === 1;
}

export function github(db: D1Database): GitHubStore {
  return {
    applyCommitRef: (ref) => applyCommitRef(db, ref),
    applyPullRequest: (pr) => applyPullRequest(db, pr),
    mirrorIssue: (issue, actor, at) => mirrorIssue(db, issue, actor, at),
    tasksForIssues: (issueIds, projectIds) => tasksForIssues(db, issueIds, projectIds),
    linkGitHubItem: (link) => linkGitHubItem(db, link),
    pullRequestComment: (repo, number) => pullRequestComment(db, repo, number),
    recordPullRequestComment: (repo, number, outcome, at) => recordPullRequestComment(db, repo, number, outcome, at),
    openPullRequestsOf: (taskId) => openPullRequestsOf(db, taskId),
  };
}
