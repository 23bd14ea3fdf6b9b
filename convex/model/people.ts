// People on Convex: users (email and GitHub login unique without case), their email preferences, and projects' members.

import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { writeActivity } from "./activity";
import { toUser } from "./docs";
import { storeError } from "./errors";
import { MAX_PROJECTS } from "./projects";
import { projectByKey } from "./tasks";
import type { EmailKind, Member, Role, User, UserPatch } from "../validators";

/** A hub has tens of people; the cap keeps the digest sweep and member lists bounded. */
export const MAX_PEOPLE = 1000;

const TAKEN = "A user with that email or GitHub login exists";

export async function userDoc(ctx: QueryCtx, id: string): Promise<Doc<"users"> | null> {
  const userId = ctx.db.normalizeId("users", id);
  return userId ? ctx.db.get(userId) : null;
}

const byEmail = (ctx: QueryCtx, email: string) =>
  ctx.db.query("users").withIndex("by_emailLower", (q) => q.eq("emailLower", email.toLowerCase())).first();

export const byGithubLogin = (ctx: QueryCtx, login: string) =>
  ctx.db.query("users").withIndex("by_githubLoginLower", (q) => q.eq("githubLoginLower", login.toLowerCase())).first();

/** D1's unique indexes, checked in the transaction: someone else holding the email or login is a conflict. */
async function refuseTaken(ctx: QueryCtx, u: { email?: string; githubLogin?: string | null }, self: Id<"users"> | null) {
  const holders = [u.email === undefined ? null : await byEmail(ctx, u.email), u.githubLogin ? await byGithubLogin(ctx, u.githubLogin) : null];
  if (holders.some((h) => h && h._id !== self)) throw storeError("conflict", TAKEN);
}

export async function findUser(ctx: QueryCtx, ref: string): Promise<User | null> {
  const r = ref.trim();
  // GitHub sign-in maps to people by login, in any case, as D1's findUser does.
  const u = (await userDoc(ctx, r)) ?? (await byEmail(ctx, r)) ?? (await byGithubLogin(ctx, r));
  return u ? toUser(u) : null;
}

export async function createUser(
  ctx: MutationCtx,
  u: { email: string; name: string; githubLogin?: string | null; timezone: string; digest: User["digest"]; digestHour: number },
  at: string,
): Promise<User> {
  await refuseTaken(ctx, u, null);
  const githubLogin = u.githubLogin ?? null;
  const id = await ctx.db.insert("users", {
    ...u, emailLower: u.email.toLowerCase(), githubLogin, githubLoginLower: githubLogin?.toLowerCase() ?? null,
    unsubscribed: [], lastDigestAt: null, createdAt: at, updatedAt: at,
  });
  return toUser((await ctx.db.get(id))!);
}

export async function updateUser(ctx: MutationCtx, id: string, patch: UserPatch, at: string): Promise<User> {
  const u = await userDoc(ctx, id);
  if (!u) throw storeError("not_found", `User ${id} not found`);
  const fields = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as UserPatch;
  if (!Object.keys(fields).length) return toUser(u);
  await refuseTaken(ctx, fields, u._id);
  await ctx.db.patch(u._id, {
    ...fields,
    ...(fields.email !== undefined ? { emailLower: fields.email.toLowerCase() } : {}),
    ...(fields.githubLogin !== undefined ? { githubLoginLower: fields.githubLogin?.toLowerCase() ?? null } : {}),
    updatedAt: at,
  });
  return toUser((await ctx.db.get(u._id))!);
}

export async function unsubscribe(ctx: MutationCtx, userId: string, kind: EmailKind, at: string): Promise<User | null> {
  const u = await userDoc(ctx, userId);
  if (!u) return null;
  // The kind is added once, however many times the link is followed.
  if (!u.unsubscribed.includes(kind)) await ctx.db.patch(u._id, { unsubscribed: [...u.unsubscribed, kind], updatedAt: at });
  return toUser((await ctx.db.get(u._id))!);
}

export async function listDigestUsers(ctx: QueryCtx): Promise<User[]> {
  const modes = ["daily", "weekly"] as const;
  const rows = await Promise.all(modes.map((digest) => ctx.db.query("users").withIndex("by_digest_digestHour", (q) => q.eq("digest", digest)).take(MAX_PEOPLE)));
  return rows.flat().map(toUser);
}

export async function markDigestSent(ctx: MutationCtx, userId: string, at: string): Promise<void> {
  const u = await userDoc(ctx, userId);
  // Only forward: a late retry of an older digest must not move the mark back.
  if (u && (u.lastDigestAt === null || u.lastDigestAt < at)) await ctx.db.patch(u._id, { lastDigestAt: at });
}

async function mustProject(ctx: QueryCtx, projectKey: string): Promise<Doc<"projects">> {
  const p = await projectByKey(ctx, projectKey);
  if (!p) throw storeError("not_found", `Project ${projectKey} not found`);
  return p;
}

const membership = (ctx: QueryCtx, projectId: Id<"projects">, userId: Id<"users">) =>
  ctx.db.query("members").withIndex("by_projectId_userId", (q) => q.eq("projectId", projectId).eq("userId", userId)).unique();

export async function listMembers(ctx: QueryCtx, projectKey: string): Promise<Member[]> {
  const project = await mustProject(ctx, projectKey);
  const rows = await ctx.db.query("members").withIndex("by_projectId_userId", (q) => q.eq("projectId", project._id)).take(MAX_PEOPLE);
  const people = await Promise.all(rows.map(async (m) => ({ m, u: await ctx.db.get(m.userId) })));
  return people
    .flatMap(({ m, u }) => (u ? [{ userId: u._id as string, email: u.email, name: u.name, role: m.role }] : []))
    .sort((a, b) => a.email.toLowerCase().localeCompare(b.email.toLowerCase()));
}

export async function setMember(ctx: MutationCtx, projectKey: string, userId: string, role: Role, actor: string, at: string): Promise<Member> {
  const project = await mustProject(ctx, projectKey);
  const user = await userDoc(ctx, userId);
  if (!user) throw storeError("not_found", `User ${userId} not found`);
  const existing = await membership(ctx, project._id, user._id);
  if (existing) await ctx.db.patch(existing._id, { role });
  else await ctx.db.insert("members", { projectId: project._id, userId: user._id, role });
  await writeActivity(ctx, { at, actor, action: "member_set", taskId: null, taskKey: null, projectId: project._id, data: { userId, role } });
  return { userId: user._id, email: user.email, name: user.name, role };
}

export async function removeMember(ctx: MutationCtx, projectKey: string, userId: string, actor: string, at: string): Promise<boolean> {
  const project = await mustProject(ctx, projectKey);
  const user = await userDoc(ctx, userId);
  const existing = user && (await membership(ctx, project._id, user._id));
  if (!existing) return false;
  await ctx.db.delete(existing._id);
  await writeActivity(ctx, { at, actor, action: "member_removed", taskId: null, taskKey: null, projectId: project._id, data: { userId } });
  return true;
}

export async function roleIn(ctx: QueryCtx, projectId: string, userId: string): Promise<Role | null> {
  const [p, u] = [ctx.db.normalizeId("projects", projectId), ctx.db.normalizeId("users", userId)];
  if (!p || !u) return null;
  return (await membership(ctx, p, u))?.role ?? null;
}

export async function rolesOf(ctx: QueryCtx, userId: string): Promise<Record<string, Role>> {
  const u = ctx.db.normalizeId("users", userId);
  if (!u) return {};
  const rows = await ctx.db.query("members").withIndex("by_userId", (q) => q.eq("userId", u)).take(MAX_PROJECTS);
  return Object.fromEntries(rows.map((m) => [m.projectId, m.role]));
}
