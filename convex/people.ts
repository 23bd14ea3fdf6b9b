// People and projects' members (#6): the people API, sign-in, the digest sweep and the role checks.

import { v } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { toUser } from "./model/docs";
import * as people from "./model/people";
import { vEmailKind, vMember, vNewUser, vRole, vUser, vUserPatch } from "./validators";

const withActor = { projectKey: v.string(), userId: v.string(), actor: v.string(), at: v.string() };

export const createUser = hubMutation({
  args: { user: v.object(vNewUser), at: v.string() },
  returns: vUser,
  handler: (ctx, { user, at }) => people.createUser(ctx, user, at),
});

export const getUser = hubQuery({
  args: { id: v.string() },
  returns: v.nullable(vUser),
  handler: async (ctx, { id }) => {
    const u = await people.userDoc(ctx, id);
    return u ? toUser(u) : null;
  },
});

export const findUser = hubQuery({ args: { ref: v.string() }, returns: v.nullable(vUser), handler: (ctx, { ref }) => people.findUser(ctx, ref) });

export const updateUser = hubMutation({
  args: { id: v.string(), patch: vUserPatch, at: v.string() },
  returns: vUser,
  handler: (ctx, { id, patch, at }) => people.updateUser(ctx, id, patch, at),
});

export const unsubscribe = hubMutation({
  args: { userId: v.string(), kind: vEmailKind, at: v.string() },
  returns: v.nullable(vUser),
  handler: (ctx, { userId, kind, at }) => people.unsubscribe(ctx, userId, kind, at),
});

export const listDigestUsers = hubQuery({ args: {}, returns: v.array(vUser), handler: (ctx) => people.listDigestUsers(ctx) });

export const markDigestSent = hubMutation({
  args: { userId: v.string(), at: v.string() },
  returns: v.null(),
  handler: async (ctx, { userId, at }) => {
    await people.markDigestSent(ctx, userId, at);
    return null;
  },
});

export const setMember = hubMutation({
  args: { ...withActor, role: vRole },
  returns: vMember,
  handler: (ctx, a) => people.setMember(ctx, a.projectKey, a.userId, a.role, a.actor, a.at),
});

export const removeMember = hubMutation({
  args: withActor,
  returns: v.boolean(),
  handler: (ctx, a) => people.removeMember(ctx, a.projectKey, a.userId, a.actor, a.at),
});

export const listMembers = hubQuery({ args: { projectKey: v.string() }, returns: v.array(vMember), handler: (ctx, { projectKey }) => people.listMembers(ctx, projectKey) });

export const roleIn = hubQuery({
  args: { projectId: v.string(), userId: v.string() },
  returns: v.nullable(vRole),
  handler: (ctx, { projectId, userId }) => people.roleIn(ctx, projectId, userId),
});

export const rolesOf = hubQuery({
  args: { userId: v.string() },
  returns: v.record(v.string(), vRole),
  handler: (ctx, { userId }) => people.rolesOf(ctx, userId),
});
