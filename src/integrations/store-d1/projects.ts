// Projects on D1: create, read, settings, which project a folder or repository belongs to, members, export and import.

import type { Actor } from "../../domain/activity";
import type { Role } from "../../domain/permissions";
import { INBOX_KEY, matchProjectByCwd, normalizeRepo, type Project } from "../../domain/projects";
import { StoreError, type Member, type NewProject, type ProjectPatch, type ProjectStore } from "../../ports/store";
import { exportProject, importProject } from "./model/export";
import { toProject, type ProjectRow } from "./model/rows";
import { activityStmt } from "./model/writes";
import { getUser } from "./people";

/** Guarded by updated_at: a concurrent change makes this one fail as a conflict rather than lose it. */
async function updateProject(db: D1Database, key: string, patch: ProjectPatch, at: string): Promise<Project> {
  const row = await db.prepare(`SELECT * FROM projects WHERE key = ?`).bind(key.toUpperCase()).first<ProjectRow>();
  if (!row) throw new StoreError("not_found", `Project ${key} not found`);
  const p = { ...toProject(row), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Project;
  const r = await db
    .prepare(
      `UPDATE projects SET name = ?, description = ?, status = ?, repos = ?, paths = ?, settings = ?, updated_at = ?
       WHERE id = ? AND updated_at = ?`,
    )
    .bind(p.name, p.description, p.status, JSON.stringify(p.repos.map(normalizeRepo)), JSON.stringify(p.paths), JSON.stringify(p.settings), at, row.id, row.updated_at)
    .run();
  if (r.meta.changes === 0) throw new StoreError("conflict", `Project ${key} changed while it was being updated; try again`);
  return toProject((await db.prepare(`SELECT * FROM projects WHERE id = ?`).bind(row.id).first<ProjectRow>())!);
}

async function projectIdOf(db: D1Database, projectKey: string): Promise<string> {
  const p = await db.prepare(`SELECT id FROM projects WHERE key = ?`).bind(projectKey.toUpperCase()).first<{ id: string }>();
  if (!p) throw new StoreError("not_found", `Project ${projectKey} not found`);
  return p.id;
}

async function listMembers(db: D1Database, projectKey: string): Promise<Member[]> {
  const projectId = await projectIdOf(db, projectKey);
  const { results } = await db
    .prepare(`SELECT m.user_id AS userId, u.email, u.name, m.role FROM members m JOIN users u ON u.id = m.user_id WHERE m.project_id = ? ORDER BY u.email`)
    .bind(projectId)
    .all<Member>();
  return results;
}

async function setMember(db: D1Database, projectKey: string, userId: string, role: Role, actor: Actor, at: string): Promise<Member> {
  const projectId = await projectIdOf(db, projectKey);
  const user = await getUser(db, userId);
  if (!user) throw new StoreError("not_found", `User ${userId} not found`);
  await db.batch([
    db
      .prepare(`INSERT INTO members (project_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role`)
      .bind(projectId, userId, role),
    activityStmt(db, { at, actor, action: "member_set", taskId: null, projectId, data: { userId, role } }),
  ]);
  return { userId, email: user.email, name: user.name, role };
}

async function removeMember(db: D1Database, projectKey: string, userId: string, actor: Actor, at: string): Promise<boolean> {
  const projectId = await projectIdOf(db, projectKey);
  const [del] = await db.batch([
    db.prepare(`DELETE FROM members WHERE project_id = ? AND user_id = ?`).bind(projectId, userId),
    db
      .prepare(`INSERT INTO activity (at, actor, action, task_id, project_id, data) SELECT ?, ?, 'member_removed', NULL, ?, ? WHERE changes() = 1`)
      .bind(at, actor, projectId, JSON.stringify({ userId })),
  ]);
  return del.meta.changes === 1;
}

async function roleIn(db: D1Database, projectId: string, userId: string): Promise<Role | null> {
  const r = await db.prepare(`SELECT role FROM members WHERE project_id = ? AND user_id = ?`).bind(projectId, userId).first<{ role: Role }>();
  return r?.role ?? null;
}

async function rolesOf(db: D1Database, userId: string): Promise<Record<string, Role>> {
  const { results } = await db.prepare(`SELECT project_id AS projectId, role FROM members WHERE user_id = ?`).bind(userId).all<{ projectId: string; role: Role }>();
  return Object.fromEntries(results.map((r) => [r.projectId, r.role]));
}

async function createProject(db: D1Database, p: NewProject): Promise<Project> {
  const id = crypto.randomUUID();
  const r = await db
    .prepare(
      `INSERT INTO projects (id, key, name, description, repos, paths, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO NOTHING`,
    )
    .bind(id, p.key, p.name, p.description ?? null, JSON.stringify(p.repos.map(normalizeRepo)), JSON.stringify(p.paths), p.at, p.at)
    .run();
  if (r.meta.changes === 0) throw new StoreError("conflict", `Project ${p.key} already exists`);
  return (await getProject(db, p.key))!;
}

async function getProject(db: D1Database, key: string): Promise<Project | null> {
  const r = await db.prepare(`SELECT * FROM projects WHERE key = ?`).bind(key.toUpperCase()).first<ProjectRow>();
  return r ? toProject(r) : null;
}

async function listProjects(db: D1Database): Promise<Project[]> {
  const { results } = await db.prepare(`SELECT * FROM projects ORDER BY key`).all<ProjectRow>();
  return results.map(toProject);
}

async function projectForCwd(db: D1Database, cwd: string | null, at: string): Promise<Project> {
  const match = matchProjectByCwd(await listProjects(db), cwd);
  if (match) return match;
  const inbox = await getProject(db, INBOX_KEY);
  if (inbox) return inbox;
  try {
    return await createProject(db, { key: INBOX_KEY, name: "Inbox", description: "Sessions whose folder no project claims", repos: [], paths: [], at });
  } catch (e) {
    if (e instanceof StoreError && e.code === "conflict") return (await getProject(db, INBOX_KEY))!; // created by a racing run
    throw e;
  }
}

async function projectsForRepo(db: D1Database, fullName: string): Promise<Project[]> {
  const { results } = await db
    .prepare(`SELECT * FROM projects WHERE EXISTS (SELECT 1 FROM json_each(projects.repos) WHERE value = ?)`)
    .bind(normalizeRepo(fullName))
    .all<ProjectRow>();
  return results.map(toProject);
}

export function projects(db: D1Database): ProjectStore {
  return {
    createProject: (p) => createProject(db, p),
    getProject: (key) => getProject(db, key),
    listProjects: () => listProjects(db),
    projectForCwd: (cwd, at) => projectForCwd(db, cwd, at),
    projectsForRepo: (fullName) => projectsForRepo(db, fullName),
    updateProject: (key, patch, at) => updateProject(db, key, patch, at),
    exportProject: (projectKey) => exportProject(db, projectKey),
    importProject: (records, actor, at) => importProject(db, records, actor, at),
    setMember: (projectKey, userId, role, actor, at) => setMember(db, projectKey, userId, role, actor, at),
    removeMember: (projectKey, userId, actor, at) => removeMember(db, projectKey, userId, actor, at),
    listMembers: (projectKey) => listMembers(db, projectKey),
    roleIn: (projectId, userId) => roleIn(db, projectId, userId),
    rolesOf: (userId) => rolesOf(db, userId),
  };
}
