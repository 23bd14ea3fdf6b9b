// Project helpers: create and update with their repo index rows, the bounded list every cwd match reads, and a repo's projects.

import { normalizeRepo } from "../../src/domain/projects";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { toProject } from "./docs";
import { storeError } from "./errors";
import { projectByKey } from "./tasks";
import type { Project, ProjectPatch } from "../validators";

/** A hub holds tens of projects; the cap keeps every read bounded. */
export const MAX_PROJECTS = 1000;
/** The export schema allows 50 repos per project. */
const MAX_REPOS = 50;

export async function allProjects(ctx: QueryCtx): Promise<Project[]> {
  return (await ctx.db.query("projects").withIndex("by_key").take(MAX_PROJECTS)).map(toProject);
}

export async function createProject(
  ctx: MutationCtx,
  p: { key: string; name: string; description?: string | null; repos: string[]; paths: string[]; at: string },
): Promise<Project> {
  if (await projectByKey(ctx, p.key)) throw storeError("conflict", `Project ${p.key} already exists`);
  const repos = [...new Set(p.repos.map(normalizeRepo))];
  const id = await ctx.db.insert("projects", {
    key: p.key, name: p.name, description: p.description ?? null, status: "active", repos, paths: p.paths, settings: {}, createdAt: p.at, updatedAt: p.at,
  });
  await setProjectRepos(ctx, id, repos);
  return toProject((await ctx.db.get(id))!);
}

/** The projects that list this repository, through the projectRepos index. */
export async function projectsOfRepo(ctx: QueryCtx, fullName: string): Promise<Project[]> {
  const rows = await ctx.db.query("projectRepos").withIndex("by_repo", (q) => q.eq("repo", normalizeRepo(fullName))).take(100);
  const projects = await Promise.all(rows.map((r) => ctx.db.get(r.projectId)));
  return projects.flatMap((p) => (p ? [toProject(p)] : []));
}

/** Keeps projectRepos in step with a project's repos: one row per repository, none left behind. */
export async function setProjectRepos(ctx: MutationCtx, projectId: Id<"projects">, repos: string[]): Promise<void> {
  const rows = await ctx.db.query("projectRepos").withIndex("by_projectId", (q) => q.eq("projectId", projectId)).take(MAX_REPOS);
  for (const r of rows) if (!repos.includes(r.repo)) await ctx.db.delete(r._id);
  for (const repo of repos) if (!rows.some((r) => r.repo === repo)) await ctx.db.insert("projectRepos", { projectId, repo });
}

/** Each field given replaces the stored one (settings too, whole); repos are kept in lower case and indexed. */
export async function updateProject(ctx: MutationCtx, key: string, patch: ProjectPatch, at: string): Promise<Project> {
  const p = await projectByKey(ctx, key);
  if (!p) throw storeError("not_found", `Project ${key} not found`);
  const fields = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ProjectPatch;
  const repos = fields.repos ? [...new Set(fields.repos.map(normalizeRepo))] : undefined;
  await ctx.db.patch(p._id, { ...fields, ...(repos ? { repos } : {}), updatedAt: at });
  if (repos) await setProjectRepos(ctx, p._id, repos);
  return toProject((await ctx.db.get(p._id))!);
}
