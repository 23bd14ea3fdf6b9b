// People on D1: users, their email preferences, and projects' members with their roles.

import type { Role } from "../../domain/permissions";
import type { EmailKind, User } from "../../domain/users";
import { StoreError, type Actor, type Member, type NewUser, type UserPatch } from "../../ports/store";
import { activityStmt } from "./writes";

type UserRow = {
  id: string; email: string; name: string; github_login: string | null; timezone: string; digest: User["digest"];
  digest_hour: number; unsubscribed: string; last_digest_at: string | null; created_at: string; updated_at: string;
};

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  githubLogin: r.github_login,
  timezone: r.timezone,
  digest: r.digest,
  digestHour: r.digest_hour,
  unsubscribed: JSON.parse(r.unsubscribed) as EmailKind[],
  lastDigestAt: r.last_digest_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const taken = (e: unknown) => /UNIQUE constraint failed/i.test(String((e as Error)?.message));

export async function getUser(db: D1Database, id: string): Promise<User | null> {
  const r = await db.prepare(`SELECT * FROM users WHERE id = ?`).bind(id).first<UserRow>();
  return r ? toUser(r) : null;
}

/** By id, email or GitHub login (emails and logins in any case: GitHub sign-in maps to people by login); an id wins, then an email. */
export async function findUser(db: D1Database, ref: string): Promise<User | null> {
  const r = await db
    .prepare(`SELECT * FROM users WHERE id = ?1 OR email = ?1 COLLATE NOCASE OR github_login = ?1 COLLATE NOCASE ORDER BY id = ?1 DESC, email = ?1 COLLATE NOCASE DESC LIMIT 1`)
    .bind(ref.trim())
    .first<UserRow>();
  return r ? toUser(r) : null;
}

export async function createUser(db: D1Database, u: NewUser, at: string): Promise<User> {
  const id = crypto.randomUUID();
  try {
    await db
      .prepare(
        `INSERT INTO users (id, email, name, github_login, timezone, digest, digest_hour, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(id, u.email, u.name, u.githubLogin ?? null, u.timezone, u.digest, u.digestHour, at, at)
      .run();
  } catch (e) {
    if (taken(e)) throw new StoreError("conflict", `A user with that email or GitHub login exists`);
    throw e;
  }
  return (await getUser(db, id))!;
}

const USER_COLUMN: Record<keyof NewUser, string> = {
  email: "email", name: "name", githubLogin: "github_login", timezone: "timezone", digest: "digest", digestHour: "digest_hour",
};

export async function updateUser(db: D1Database, id: string, patch: UserPatch, at: string): Promise<User> {
  const fields = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof NewUser, unknown][];
  if (fields.length) {
    try {
      const r = await db
        .prepare(`UPDATE users SET ${fields.map(([k]) => `${USER_COLUMN[k]} = ?`).join(", ")}, updated_at = ? WHERE id = ?`)
        .bind(...fields.map(([, v]) => v ?? null), at, id)
        .run();
      if (r.meta.changes === 0) throw new StoreError("not_found", `User ${id} not found`);
    } catch (e) {
      if (taken(e)) throw new StoreError("conflict", `A user with that email or GitHub login exists`);
      throw e;
    }
  }
  const u = await getUser(db, id);
  if (!u) throw new StoreError("not_found", `User ${id} not found`);
  return u;
}

export async function unsubscribe(db: D1Database, userId: string, kind: EmailKind, at: string): Promise<User | null> {
  // One statement: the JSON array gains the kind once, however many times the link is followed.
  await db
    .prepare(
      `UPDATE users SET unsubscribed = json_insert(unsubscribed, '$[#]', ?1), updated_at = ?2
       WHERE id = ?3 AND NOT EXISTS (SELECT 1 FROM json_each(users.unsubscribed) WHERE value = ?1)`,
    )
    .bind(kind, at, userId)
    .run();
  return getUser(db, userId);
}

export async function listDigestUsers(db: D1Database): Promise<User[]> {
  const { results } = await db.prepare(`SELECT * FROM users WHERE digest != 'off' ORDER BY id`).all<UserRow>();
  return results.map(toUser);
}

export async function markDigestSent(db: D1Database, userId: string, at: string): Promise<void> {
  await db.prepare(`UPDATE users SET last_digest_at = ? WHERE id = ? AND (last_digest_at IS NULL OR last_digest_at < ?)`).bind(at, userId, at).run();
}

async function projectIdOf(db: D1Database, projectKey: string): Promise<string> {
  const p = await db.prepare(`SELECT id FROM projects WHERE key = ?`).bind(projectKey.toUpperCase()).first<{ id: string }>();
  if (!p) throw new StoreError("not_found", `Project ${projectKey} not found`);
  return p.id;
}

export async function listMembers(db: D1Database, projectKey: string): Promise<Member[]> {
  const projectId = await projectIdOf(db, projectKey);
  const { results } = await db
    .prepare(`SELECT m.user_id AS userId, u.email, u.name, m.role FROM members m JOIN users u ON u.id = m.user_id WHERE m.project_id = ? ORDER BY u.email`)
    .bind(projectId)
    .all<Member>();
  return results;
}

export async function setMember(db: D1Database, projectKey: string, userId: string, role: Role, actor: Actor, at: string): Promise<Member> {
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

export async function removeMember(db: D1Database, projectKey: string, userId: string, actor: Actor, at: string): Promise<boolean> {
  const projectId = await projectIdOf(db, projectKey);
  const [del] = await db.batch([
    db.prepare(`DELETE FROM members WHERE project_id = ? AND user_id = ?`).bind(projectId, userId),
    db
      .prepare(`INSERT INTO activity (at, actor, action, task_id, project_id, data) SELECT ?, ?, 'member_removed', NULL, ?, ? WHERE changes() = 1`)
      .bind(at, actor, projectId, JSON.stringify({ userId })),
  ]);
  return del.meta.changes === 1;
}

export async function roleIn(db: D1Database, projectId: string, userId: string): Promise<Role | null> {
  const r = await db.prepare(`SELECT role FROM members WHERE project_id = ? AND user_id = ?`).bind(projectId, userId).first<{ role: Role }>();
  return r?.role ?? null;
}

export async function rolesOf(db: D1Database, userId: string): Promise<Record<string, Role>> {
  const { results } = await db.prepare(`SELECT project_id AS projectId, role FROM members WHERE user_id = ?`).bind(userId).all<{ projectId: string; role: Role }>();
  return Object.fromEntries(results.map((r) => [r.projectId, r.role]));
}
