// Pull requests on D1: link a PR to its tasks and move them (one guarded batch), and keep its one comment's id.

import { issueId } from "../../../domain/issue-refs";
import { withinProjects } from "../../../domain/repo-scope";
import { planPullRequestTask, pullRequestRow } from "../../../domain/pull-request-sync";
import { nextPullRequestState, OPEN_PULL_REQUEST_STATES, type PullRequestState } from "../../../domain/pull-requests";
import { capText, type Task } from "../../../domain/tasks";
import type { PullRequestCommentData, PullRequestCommentOutcome, PullRequestOutcome, PullRequestSync, TaskChange } from "../../../ports/store";
import { taskByKey, tasksByIds } from "./reads";
import { activityStmt, Conflict, GUARD_SQL, retrying, updateTaskStmts } from "./writes";

interface LinkRow {
  task_id: string;
  state: string | null;
  closes: number;
}

export async function applyPullRequest(db: D1Database, pr: PullRequestSync): Promise<PullRequestOutcome> {
  const id = issueId(pr.repo, pr.number);
  return retrying(async () => {
    const prev = await db.prepare(`SELECT state FROM pull_requests WHERE id = ?`).bind(id).first<{ state: PullRequestState }>();
    const state = nextPullRequestState(prev?.state ?? null, pr.event);
    const named = (await Promise.all(pr.links.map(async (l) => ({ ...l, task: await taskByKey(db, l.taskKey) })))).filter(
      (l): l is typeof l & { task: Task } => !!l.task && withinProjects(l.task, pr.projectIds),
    );
    const { results: known } = await db
      .prepare(`SELECT task_id, state, closes FROM links WHERE kind = 'pull_request' AND ref = ?`)
      .bind(id)
      .all<LinkRow>();
    // Tasks linked by earlier events stay linked when an edit drops their key; closing sticks once said.
    const byTask = new Map<string, { task: Task; closes: boolean; link: LinkRow | null }>();
    const earlier = await tasksByIds(db, known.map((k) => k.task_id));
    for (const task of earlier) {
      const link = known.find((k) => k.task_id === task.id)!;
      byTask.set(task.id, { task, closes: link.closes === 1, link });
    }
    for (const l of named) {
      const had = byTask.get(l.task.id);
      byTask.set(l.task.id, { task: l.task, closes: (had?.closes ?? false) || l.closes, link: had?.link ?? null });
    }
    const others = await db
      .prepare(
        `SELECT task_id, COUNT(*) AS n FROM links WHERE kind = 'pull_request' AND closes = 1 AND ref != ?
           AND state IN (SELECT value FROM json_each(?)) AND task_id IN (SELECT value FROM json_each(?)) GROUP BY task_id`,
      )
      .bind(id, JSON.stringify(OPEN_PULL_REQUEST_STATES), JSON.stringify([...byTask.keys()]))
      .all<{ task_id: string; n: number }>();
    const openElsewhere = new Map(others.results.map((r) => [r.task_id, r.n]));

    const row = pullRequestRow({ ref: id, url: pr.url, title: pr.title, base: pr.base, intoDefaultBranch: pr.intoDefaultBranch }, state);
    const stmts: D1PreparedStatement[] = [
      db
        .prepare(
          `INSERT INTO pull_requests (id, repo, number, url, title, state, base, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, state = excluded.state, base = excluded.base, updated_at = excluded.updated_at`,
        )
        .bind(id, pr.repo, pr.number, row.url, row.title, row.state, row.base, pr.at, pr.at),
    ];
    const guarded: number[] = [];
    const changes: TaskChange[] = [];
    const event = { ref: id, url: pr.url, title: pr.title, base: pr.base, intoDefaultBranch: pr.intoDefaultBranch };
    for (const { task, closes, link } of byTask.values()) {
      const plan = planPullRequestTask(event, state, {
        status: task.status, closes, link: link && { state: link.state, closes: link.closes === 1 }, otherOpenClosingPullRequests: openElsewhere.get(task.id) ?? 0,
      });
      const to = plan.to;
      const changeId = crypto.randomUUID();
      if (to) {
        guarded.push(stmts.length);
        stmts.push(...updateTaskStmts(db, task, { status: to }, pr.actor, pr.at, { pullRequest: id }, changeId));
        changes.push({ task: { ...task, status: to, version: task.version + 1 }, from: { status: task.status, dueAt: task.dueAt } });
      }
      const guard = to ? { sql: ` WHERE ${GUARD_SQL}`, args: [task.id, changeId] } : { sql: "", args: [] };
      stmts.push(
        db
          .prepare(
            `INSERT INTO links (id, task_id, kind, url, ref, state, title, closes, created_at, updated_at) SELECT ?, ?, 'pull_request', ?, ?, ?, ?, ?, ?, ?${guard.sql}
             ON CONFLICT (task_id, kind, ref) DO UPDATE SET state = excluded.state, title = excluded.title, closes = excluded.closes, updated_at = excluded.updated_at`,
          )
          .bind(crypto.randomUUID(), task.id, pr.url, id, plan.link.state, plan.link.title, plan.link.closes ? 1 : 0, pr.at, pr.at, ...guard.args),
      );
      if (plan.news) {
        stmts.push(
          activityStmt(db, { at: pr.at, actor: pr.actor, ...plan.news, taskId: task.id, projectId: task.projectId }, to ? { taskId: task.id, changeId } : undefined),
        );
      }
    }
    const results = await db.batch(stmts);
    if (guarded.some((i) => results[i].meta.changes === 0)) throw new Conflict("task changed underneath");
    return { state, changes, linked: [...byTask.values()].map((v) => v.task.key) };
  });
}

export async function pullRequestComment(db: D1Database, repo: string, number: number): Promise<PullRequestCommentData | null> {
  const id = issueId(repo, number);
  const pr = await db.prepare(`SELECT repo, number, comment_id FROM pull_requests WHERE id = ?`).bind(id).first<{ repo: string; number: number; comment_id: number | null }>();
  if (!pr) return null;
  const { results } = await db.prepare(`SELECT task_id FROM links WHERE kind = 'pull_request' AND ref = ? ORDER BY created_at`).bind(id).all<{ task_id: string }>();
  const tasks = await tasksByIds(db, results.map((r) => r.task_id));
  tasks.sort((a, b) => a.key.localeCompare(b.key, "en", { numeric: true }));
  return { repo: pr.repo, number: pr.number, commentId: pr.comment_id, tasks };
}

/** Keeps the comment id for the next edit; a failed or skipped call is written on each linked task's activity. */
export async function recordPullRequestComment(db: D1Database, repo: string, number: number, outcome: PullRequestCommentOutcome, at: string): Promise<void> {
  const id = issueId(repo, number);
  if ("commentId" in outcome) {
    await db.prepare(`UPDATE pull_requests SET comment_id = ? WHERE id = ?`).bind(outcome.commentId, id).run();
    return;
  }
  const { results } = await db
    .prepare(`SELECT l.task_id, t.project_id FROM links l JOIN tasks t ON t.id = l.task_id WHERE l.kind = 'pull_request' AND l.ref = ?`)
    .bind(id)
    .all<{ task_id: string; project_id: string }>();
  if (!results.length) return;
  const action = outcome.skipped ? "github_call_skipped" : "github_call_failed";
  await db.batch(
    results.map((r) =>
      activityStmt(db, {
        at, actor: "system", action, taskId: r.task_id, projectId: r.project_id,
        data: { call: "upsertPullRequestComment", pullRequest: id, status: outcome.status, message: capText(outcome.message, 300) },
      }),
    ),
  );
}

/** Open pull requests linked to a task: the comments to refresh when the task changes. */
export async function openPullRequestsOf(db: D1Database, taskId: string): Promise<{ repo: string; number: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT pr.repo, pr.number FROM links l JOIN pull_requests pr ON pr.id = l.ref
       WHERE l.task_id = ? AND l.kind = 'pull_request' AND pr.state IN (SELECT value FROM json_each(?)) ORDER BY pr.id LIMIT 50`,
    )
    .bind(taskId, JSON.stringify(OPEN_PULL_REQUEST_STATES))
    .all<{ repo: string; number: number }>();
  return results;
}
