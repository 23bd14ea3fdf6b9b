// People (#6): the people API, sign-in, email preferences, the digest sweep and what a digest holds.

import { v } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { toUser } from "./model/docs";
import { digestFor as digest } from "./model/digest";
import * as people from "./model/people";
import { vDigestSections, vEmailKind, vNewUser, vUser, vUserPatch } from "./validators";

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

export const digestFor = hubQuery({
  args: { userId: v.string(), range: v.object({ since: v.string(), now: v.string() }) },
  returns: vDigestSections,
  handler: (ctx, { userId, range }) => digest(ctx, userId, range),
});
