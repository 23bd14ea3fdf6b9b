// The D1 store: the embedded default behind the Store port, SQL in migrations/.

import type { ExportRecord } from "../../domain/export";
import type { Role } from "../../domain/permissions";
import type { EmailKind } from "../../domain/users";
import { INBOX_KEY, matchProjectByCwd, normalizeRepo } from "../../domain/projects";
import { effectivePatch, manualTaskDraft, type Task } from "../../domain/tasks";
import {
  StoreError,
  type Activity, type Actor, type NewDelivery, type ProjectPatch, type TimeEntry, type CommitRef, type EmailRecord, type Link, type IntentBatch, type NewTask, type Project, type Scope, type Store,
  type TaskChange, type TaskDetail, type TaskFilter, type TaskPatch, type NewUser, type UserPatch,
} from "../../ports/store";
import { applyCommitRef } from "./commits";
import { linkGitHubItem, tasksForIssues } from "./issue-links";
import { applyPullRequest, openPullRequestsOf, pullRequestComment, recordPullRequestComment } from "./pull-requests";
import type { GitHubItemLink, PullRequestCommentOutcome, PullRequestSync } from "../../ports/store";
import type { CompactIssue } from "../../domain/github-events";
import { mirrorIssue } from "./issues";
import { watchedTasks } from "./watched-tasks";
import { dueBetween } from "./deadlines";
import { addDependency, blockersWithWaiting, releaseDependents, removeDependency } from "./dependencies";
import { digestFor } from "./digests";
import * as people from "./people";
import { exportProject, importProject } from "./export";
import { applyIntents } from "./ingest";
import { projectGraph, updateProject } from "./projects";
import { latestActivityId, reportData } from "./reports";
import { addComment, addTimeEntry, deleteTask, taskRecords } from "./task-records";
import { lineChains, recordLineChains } from "./line-chains";
import { listTasks, taskByKey, taskById } from "./reads";
import {
  toActivity, toDelivery, toEmail, toProject, toToken,
  type ActivityRow, type DeliveryRow, type EmailRow, type ProjectRow, type TokenRow,
} from "./rows";
import { insertTaskStmts, retrying, runGuarded, updateTaskStmts } from "./writes";

const ACTIVITY_COLUMNS = `a.id, a.at, a.actor, a.action, a.task_id, p.key || '-' || t.number AS task_key, a.project_id, a.data`;
const ACTIVITY_FROM = `FROM activity a LEFT JOIN tasks t ON t.id = a.task_id LEFT JOIN projects p ON p.id = t.project_id`;

export class D1Store implements Store {
  readonly name = "d1" as const;
  constructor(private readonly db: D1Database) {}

  async recordDelivery(d: NewDelivery) {
    const r = await this.db
      .prepare(
        `INSERT INTO deliveries (id, source, event, status, error, payload, emit, received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(d.id, d.source, d.event, d.status ?? "received", d.error ?? null, d.payload, d.emit ?? null, d.at, d.at)
      .run();
    return r.meta.changes === 1 ? ("new" as const) : ("duplicate" as const);
  }

  async stuckDeliveries(receivedBefore: string, limit: number) {
    const { results } = await this.db
      .prepare(`SELECT id, emit FROM deliveries WHERE status = 'received' AND received_at < ? AND emit IS NOT NULL ORDER BY received_at LIMIT ?`)
      .bind(receivedBefore, limit)
      .all<{ id: string; emit: string }>();
    return results;
  }

  async getDelivery(id: string) {
    const r = await this.db.prepare(`SELECT * FROM deliveries WHERE id = ?`).bind(id).first<DeliveryRow>();
    return r ? toDelivery(r) : null;
  }

  async setDeliveryStatus(id: string, status: "received" | "emitted" | "processed" | "failed" | "ignored", error: string | null = null) {
    // A quick run can end before its emitter marks it emitted; "emitted" then must not undo "processed".
    await this.db
      .prepare(`UPDATE deliveries SET status = ?1, error = ?2, updated_at = ?3 WHERE id = ?4 AND NOT (?1 = 'emitted' AND status = 'processed')`)
      .bind(status, error, new Date().toISOString(), id)
      .run();
  }

  async deliveryRunsAlive(since: { running: string; ended: string }, cap: number) {
    const n = await this.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM deliveries WHERE status = 'emitted' AND updated_at >= ?1 LIMIT ?3))
              + (SELECT COUNT(*) FROM (SELECT 1 FROM deliveries WHERE status IN ('processed', 'failed') AND updated_at >= ?2 LIMIT ?3)) AS n`,
      )
      .bind(since.running, since.ended, cap)
      .first<number>("n");
    return Math.min(n ?? 0, cap);
  }

  async listDeliveries(limit: number) {
    const { results } = await this.db.prepare(`SELECT * FROM deliveries ORDER BY received_at DESC LIMIT ?`).bind(limit).all<DeliveryRow>();
    return results.map(toDelivery);
  }

  async seenTranscriptLines(sessionId: string, uuids: string[]) {
    const { results } = await this.db
      .prepare(`SELECT uuid FROM transcript_lines WHERE session_id = ? AND uuid IN (SELECT value FROM json_each(?))`)
      .bind(sessionId, JSON.stringify(uuids))
      .all<{ uuid: string }>();
    return new Set(results.map((r) => r.uuid));
  }

  async recordTranscriptLines(sessionId: string, uuids: string[]) {
    // RETURNING with OR IGNORE yields only the rows actually inserted: the lines not seen before.
    const { results } = await this.db
      .prepare(`INSERT OR IGNORE INTO transcript_lines (session_id, uuid) SELECT ?, value FROM json_each(?) RETURNING uuid`)
      .bind(sessionId, JSON.stringify(uuids))
      .all<{ uuid: string }>();
    return { sessionId, newLineUuids: results.map((r) => r.uuid), duplicates: uuids.length - results.length };
  }

  lineChains(sessionId: string, uuids: string[]) {
    return lineChains(this.db, sessionId, uuids);
  }

  recordLineChains(sessionId: string, chains: Record<string, string>) {
    return recordLineChains(this.db, sessionId, chains);
  }

  async createToken(t: { name: string; hash: string; scopes: Scope[]; userId?: string | null; at: string }) {
    const id = crypto.randomUUID();
    await this.db
      .prepare(`INSERT INTO tokens (id, user_id, name, hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .bind(id, t.userId ?? null, t.name, t.hash, JSON.stringify(t.scopes), t.at)
      .run();
    return { id, userId: t.userId ?? null, name: t.name, scopes: t.scopes, createdAt: t.at, lastUsedAt: null, revokedAt: null };
  }

  async findTokenByHash(hash: string) {
    const r = await this.db.prepare(`SELECT * FROM tokens WHERE hash = ?`).bind(hash).first<TokenRow>();
    return r ? toToken(r) : null;
  }

  async listTokens() {
    const { results } = await this.db.prepare(`SELECT * FROM tokens ORDER BY created_at`).all<TokenRow>();
    return results.map(toToken);
  }

  async revokeToken(id: string, at: string) {
    const r = await this.db.prepare(`UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).bind(at, id).run();
    return r.meta.changes === 1;
  }

  async createProject(p: { key: string; name: string; description?: string | null; repos: string[]; paths: string[]; at: string }) {
    const id = crypto.randomUUID();
    const r = await this.db
      .prepare(
        `INSERT INTO projects (id, key, name, description, repos, paths, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO NOTHING`,
      )
      .bind(id, p.key, p.name, p.description ?? null, JSON.stringify(p.repos.map(normalizeRepo)), JSON.stringify(p.paths), p.at, p.at)
      .run();
    if (r.meta.changes === 0) throw new StoreError("conflict", `Project ${p.key} already exists`);
    return (await this.getProject(p.key))!;
  }

  async getProject(key: string) {
    const r = await this.db.prepare(`SELECT * FROM projects WHERE key = ?`).bind(key.toUpperCase()).first<ProjectRow>();
    return r ? toProject(r) : null;
  }

  async listProjects() {
    const { results } = await this.db.prepare(`SELECT * FROM projects ORDER BY key`).all<ProjectRow>();
    return results.map(toProject);
  }

  async projectForCwd(cwd: string | null, at: string): Promise<Project> {
    const match = matchProjectByCwd(await this.listProjects(), cwd);
    if (match) return match;
    const inbox = await this.getProject(INBOX_KEY);
    if (inbox) return inbox;
    try {
      return await this.createProject({ key: INBOX_KEY, name: "Inbox", description: "Sessions whose folder no project claims", repos: [], paths: [], at });
    } catch (e) {
      if (e instanceof StoreError && e.code === "conflict") return (await this.getProject(INBOX_KEY))!; // created by a racing run
      throw e;
    }
  }

  async projectsForRepo(fullName: string) {
    const { results } = await this.db
      .prepare(`SELECT * FROM projects WHERE EXISTS (SELECT 1 FROM json_each(projects.repos) WHERE value = ?)`)
      .bind(normalizeRepo(fullName))
      .all<ProjectRow>();
    return results.map(toProject);
  }

  async createTask(t: NewTask, actor: Actor, at: string): Promise<Task> {
    const project = await this.getProject(t.projectKey);
    if (!project) throw new StoreError("not_found", `Project ${t.projectKey} not found`);
    const id = crypto.randomUUID();
    await this.db.batch(insertTaskStmts(this.db, { id, projectId: project.id, ...manualTaskDraft(t, actor) }, actor, at));
    return (await taskById(this.db, id))!;
  }

  async updateTask(key: string, patch: TaskPatch, actor: Actor, at: string): Promise<TaskChange> {
    return retrying(async () => {
      const before = await taskByKey(this.db, key);
      if (!before) throw new StoreError("not_found", `Task ${key} not found`);
      const changed = effectivePatch(before, patch);
      if (!Object.keys(changed).length) return { task: before, from: { status: before.status, dueAt: before.dueAt } };
      await runGuarded(this.db, updateTaskStmts(this.db, before, changed, actor, at));
      return { task: (await taskById(this.db, before.id))!, from: { status: before.status, dueAt: before.dueAt } };
    });
  }

  async getTask(key: string): Promise<TaskDetail | null> {
    const task = await taskByKey(this.db, key);
    if (!task) return null;
    const [links, activity, deps, blocks] = await this.db.batch([
      this.db.prepare(`SELECT kind, ref, url, state, title, created_at AS createdAt FROM links WHERE task_id = ? ORDER BY created_at`).bind(task.id),
      this.db.prepare(`SELECT ${ACTIVITY_COLUMNS} ${ACTIVITY_FROM} WHERE a.task_id = ? ORDER BY a.id DESC LIMIT 100`).bind(task.id),
      this.db
        .prepare(`SELECT p.key || '-' || t.number AS k FROM dependencies d JOIN tasks t ON t.id = d.depends_on_id JOIN projects p ON p.id = t.project_id WHERE d.task_id = ?`)
        .bind(task.id),
      this.db
        .prepare(`SELECT p.key || '-' || t.number AS k FROM dependencies d JOIN tasks t ON t.id = d.task_id JOIN projects p ON p.id = t.project_id WHERE d.depends_on_id = ?`)
        .bind(task.id),
    ]);
    return {
      ...task,
      links: links.results as unknown as TaskDetail["links"],
      activity: (activity.results as ActivityRow[]).map(toActivity),
      dependsOn: (deps.results as { k: string }[]).map((r) => r.k),
      blocks: (blocks.results as { k: string }[]).map((r) => r.k),
    };
  }

  listTasks(filter: TaskFilter, limit: number, cursor: string | null) {
    return listTasks(this.db, filter, limit, cursor);
  }

  async cardExtras(taskIds: string[]) {
    const ids = JSON.stringify(taskIds);
    const [links, acts] = await this.db.batch([
      this.db
        .prepare(`SELECT task_id, kind, ref, url, state, title, created_at AS createdAt FROM links WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY created_at`)
        .bind(ids),
      this.db
        .prepare(
          `SELECT ${ACTIVITY_COLUMNS} ${ACTIVITY_FROM} WHERE a.id IN (SELECT MAX(id) FROM activity WHERE task_id IN (SELECT value FROM json_each(?)) GROUP BY task_id)`,
        )
        .bind(ids),
    ]);
    const out = new Map<string, { links: Link[]; lastActivity: Activity | null }>(taskIds.map((id) => [id, { links: [], lastActivity: null }]));
    for (const l of links.results as (Link & { task_id: string })[]) {
      const { task_id, ...link } = l;
      out.get(task_id)?.links.push(link);
    }
    for (const a of (acts.results as ActivityRow[]).map(toActivity)) if (a.taskId) out.get(a.taskId)!.lastActivity = a;
    return out;
  }

  applyIntents(batch: IntentBatch, at: string) {
    return applyIntents(this.db, batch, at);
  }

  applyCommitRef(ref: CommitRef) {
    return applyCommitRef(this.db, ref);
  }

  tasksForIssues(issueIds: string[]) { return tasksForIssues(this.db, issueIds); }
  applyPullRequest(pr: PullRequestSync) { return applyPullRequest(this.db, pr); }
  pullRequestComment(repo: string, number: number) { return pullRequestComment(this.db, repo, number); }
  recordPullRequestComment(repo: string, number: number, outcome: PullRequestCommentOutcome, at: string) {
    return recordPullRequestComment(this.db, repo, number, outcome, at);
  }
  mirrorIssue(issue: CompactIssue, actor: Actor, at: string) { return mirrorIssue(this.db, issue, actor, at); }
  openPullRequestsOf(taskId: string) { return openPullRequestsOf(this.db, taskId); }
  watchedTasks(taskIds: string[]) { return watchedTasks(this.db, taskIds); }
  linkGitHubItem(link: GitHubItemLink) { return linkGitHubItem(this.db, link); }

  async recordEmail(e: Omit<EmailRecord, "id" | "createdAt">, at: string) {
    const r = await this.db
      .prepare(
        `INSERT INTO emails (id, to_address, user_id, kind, task_id, subject, html, text, headers, idempotency_key, status, provider_id, error, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
      )
      .bind(
        crypto.randomUUID(), e.to, e.userId ?? null, e.kind, e.taskId ?? null, e.subject, e.html, e.text, JSON.stringify(e.headers ?? {}),
        e.idempotencyKey, e.status, e.providerId, e.error, at, at,
      )
      .run();
    return r.meta.changes === 1 ? ("new" as const) : ("duplicate" as const);
  }

  async listEmails(f: { to?: string; kind?: string; taskId?: string }, limit: number) {
    const { results } = await this.db
      .prepare(
        `SELECT e.*, p.key || '-' || t.number AS task_key FROM emails e LEFT JOIN tasks t ON t.id = e.task_id LEFT JOIN projects p ON p.id = t.project_id
         WHERE (?1 IS NULL OR e.to_address = ?1 COLLATE NOCASE) AND (?2 IS NULL OR e.kind = ?2) AND (?3 IS NULL OR e.task_id = ?3)
         ORDER BY e.created_at DESC, e.rowid DESC LIMIT ?4`,
      )
      .bind(f.to ?? null, f.kind ?? null, f.taskId ?? null, limit)
      .all<EmailRow & { task_key: string | null }>();
    return results.map((r) => ({ ...toEmail(r), taskKey: r.task_key }));
  }

  // people, dependencies, deadlines and digests (#6)
  createUser(u: NewUser, at: string) { return people.createUser(this.db, u, at); }
  getUser(id: string) { return people.getUser(this.db, id); }
  findUser(ref: string) { return people.findUser(this.db, ref); }
  updateUser(id: string, patch: UserPatch, at: string) { return people.updateUser(this.db, id, patch, at); }
  unsubscribe(userId: string, kind: EmailKind, at: string) { return people.unsubscribe(this.db, userId, kind, at); }
  listDigestUsers() { return people.listDigestUsers(this.db); }
  markDigestSent(userId: string, at: string) { return people.markDigestSent(this.db, userId, at); }
  setMember(projectKey: string, userId: string, role: Role, actor: Actor, at: string) { return people.setMember(this.db, projectKey, userId, role, actor, at); }
  removeMember(projectKey: string, userId: string, actor: Actor, at: string) { return people.removeMember(this.db, projectKey, userId, actor, at); }
  listMembers(projectKey: string) { return people.listMembers(this.db, projectKey); }
  roleIn(projectId: string, userId: string) { return people.roleIn(this.db, projectId, userId); }
  rolesOf(userId: string) { return people.rolesOf(this.db, userId); }
  taskById(id: string) { return taskById(this.db, id); }
  addDependency(taskKey: string, dependsOnKey: string, actor: Actor, at: string) { return addDependency(this.db, taskKey, dependsOnKey, actor, at); }
  removeDependency(taskKey: string, dependsOnKey: string, actor: Actor, at: string) { return removeDependency(this.db, taskKey, dependsOnKey, actor, at); }
  releaseDependents(doneTaskId: string, actor: Actor, at: string) { return releaseDependents(this.db, doneTaskId, actor, at); }
  blockersWithWaiting(limit: number) { return blockersWithWaiting(this.db, limit); }
  dueBetween(from: string, to: string, limit: number) { return dueBetween(this.db, from, to, limit); }
  digestFor(userId: string, range: { since: string; now: string }) { return digestFor(this.db, userId, range); }

  async activitySince(afterId: number, limit: number, projectId?: string) {
    const { results } = await this.db
      .prepare(`SELECT ${ACTIVITY_COLUMNS} ${ACTIVITY_FROM} WHERE a.id > ? AND (? IS NULL OR a.project_id = ?) ORDER BY a.id LIMIT ?`)
      .bind(afterId, projectId ?? null, projectId ?? null, limit)
      .all<ActivityRow>();
    return results.map(toActivity);
  }

  // dashboard, REST and MCP (#7)
  deleteTask(key: string, actor: Actor, at: string) { return deleteTask(this.db, key, actor, at); }
  addComment(key: string, body: string, actor: Actor, at: string) { return addComment(this.db, key, body, actor, at); }
  addTimeEntry(key: string, e: { minutes: number; userId: string | null; source: TimeEntry["source"]; ref: string | null }, actor: Actor, at: string) { return addTimeEntry(this.db, key, e, actor, at); }
  taskRecords(key: string) { return taskRecords(this.db, key); }
  updateProject(key: string, patch: ProjectPatch, at: string) { return updateProject(this.db, key, patch, at); }
  projectGraph(projectKey: string) { return projectGraph(this.db, projectKey); }
  exportProject(projectKey: string) { return exportProject(this.db, projectKey); }
  importProject(records: ExportRecord[], actor: Actor, at: string) { return importProject(this.db, records, actor, at); }
  reportData(since: string) { return reportData(this.db, since); }
  latestActivityId() { return latestActivityId(this.db); }
}
