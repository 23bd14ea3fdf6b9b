// Projects: create, read, list, and which project a folder or a repository belongs to.

import { v } from "convex/values";
import { INBOX_KEY, matchProjectByCwd, normalizeRepo } from "../src/domain/projects";
import { hubMutation, hubQuery } from "./lib/hub";
import { toProject } from "./model/docs";
import { allProjects, createProject as create } from "./model/projects";
import { projectByKey } from "./model/tasks";
import { vProject } from "./validators";

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
  handler: async (ctx, { fullName }) => {
    const rows = await ctx.db.query("projectRepos").withIndex("by_repo", (q) => q.eq("repo", normalizeRepo(fullName))).take(100);
    const projects = await Promise.all(rows.map((r) => ctx.db.get(r.projectId)));
    return projects.flatMap((p) => (p ? [toProject(p)] : []));
  },
});
