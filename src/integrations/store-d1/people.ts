// People on D1: users, their email preferences, and their digest.

import type { EmailKind, User } from "../../domain/users";
import { StoreError, type NewUser, type PeopleStore, type UserPatch } from "../../ports/store";
import { digestFor } from "./model/digest";

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
async function findUser(db: D1Database, ref: string): Promise<User | null> {
  const r = await db
    .prepare(`SELECT * FROM users WHERE id = ?1 OR email = ?1 COLLATE NOCASE OR github_login = ?1 COLLATE NOCASE ORDER BY id = ?1 DESC, email = ?1 COLLATE NOCASE DESC LIMIT 1`)
    .bind(ref.trim())
    .first<UserRow>();
  return r ? toUser(r) : null;
}

async function createUser(db: D1Database, u: NewUser, at: string): Promise<User> {
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

async function updateUser(db: D1Database, id: string, patch: UserPatch, at: string): Promise<User> {
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

async function unsubscribe(db: D1Database, userId: string, kind: EmailKind, at: string): Promise<User | null> {
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

async function listDigestUsers(db: D1Database): Promise<User[]> {
  const { results } = await db.prepare(`SELECT * FROM users WHERE digest != 'off' ORDER BY id`).all<UserRow>();
  return results.map(toUser);
}

async function markDigestSent(db: D1Database, userId: string, at: string): Promise<void> {
  await db.prepare(`UPDATE users SET last_digest_at = ? WHERE id = ? AND (last_digest_at IS NULL OR last_digest_at < ?)`).bind(at, userId, at).run();
}

export function people(db: D1Database): PeopleStore {
  return {
    createUser: (u, at) => createUser(db, u, at),
    getUser: (id) => getUser(db, id),
    findUser: (ref) => findUser(db, ref),
    updateUser: (id, patch, at) => updateUser(db, id, patch, at),
    unsubscribe: (userId, kind, at) => unsubscribe(db, userId, kind, at),
    listDigestUsers: () => listDigestUsers(db),
    markDigestSent: (userId, at) => markDigestSent(db, userId, at),
    digestFor: (userId, range) => digestFor(db, userId, range),
  };
}
