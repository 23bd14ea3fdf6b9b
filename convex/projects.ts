// Projects and their members: create, read, list, update, which project a folder or a repository belongs to, roles, export and import.

import { v } from "convex/values";
import { INBOX_KEY, matchProjectByCwd } from "../src/domain/projects";
import { hubMutation, hubQuery } from "./lib/hub";
import { toProject } from "./model/docs";
import { exportProject as exportAll, importProject as importAll } from "./model/export";
import { allProjects, createProject as create, projectsOfRepo, updateProject as update } from "./model/projects";
import * as people from "./model/people";
import { projectByKey } from "./model/tasks";
import { vExportRecord, vMember, vProject, vProjectPatch, vRole } from "./validators";

const withActor = { projectKey: v.string(), userId: v.string(), actor: v.string(), at: v.string() };

export const createProject = hubMutation({
  args: { key: v.string(), name: v.string(), description: v.optional(v.nullable(v.string())), repos: v.array(v.string()), paths: v.array(v.string()), at: v.string() },
  returns: vProject,
  handler: (ctx, p) => create(ctx, p),
});

export const getProject = hubQuery({
  args: { key: v.string() },
  returns: v.nullable(vProject),
  handler: async (ctx, { key }) => {
    const p = await projectByKey(ctx, key);
    return p ? toProject(p) : null;
  },
});

export const listProjects = hubQuery({ args: {}, returns: v.array(vProject), handler: (ctx) => allProjects(ctx) });

export const projectForCwd = hubMutation({
  args: { cwd: v.nullable(v.string()), at: v.string() },
  returns: vProject,
  handler: async (ctx, { cwd, at }) => {
    const match = matchProjectByCwd(await allProjects(ctx), cwd);
    if (match) return match;
    const inbox = await projectByKey(ctx, INBOX_KEY);
    if (inbox) return toProject(inbox);
    return create(ctx, { key: INBOX_KEY, name: "Inbox", description: "Sessions whose folder no project claims", repos: [], paths: [], at });
  },
});

export const projectsForRepo = hubQuery({
  args: { fullName: v.string() },
  returns: v.array(vProject),
  handler: (ctx, { fullName }) => projectsOfRepo(ctx, fullName),
});

export const updateProject = hubMutation({
  args: { key: v.string(), patch: vProjectPatch, at: v.string() },
  returns: vProject,
  handler: (ctx, { key, patch, at }) => update(ctx, key, patch, at),
});

export const exportProject = hubQuery({
  args: { projectKey: v.string() },
  returns: v.array(vExportRecord),
  handler: (ctx, { projectKey }) => exportAll(ctx, projectKey),
});

export const importProject = hubMutation({
  args: { records: v.array(vExportRecord), actor: v.string(), at: v.string() },
  returns: v.object({ project: v.string(), counts: v.record(v.string(), v.number()) }),
  handler: (ctx, { records, actor, at }) => importAll(ctx, records, actor, at),
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
