// Project helpers: create with its repo index rows, and the bounded list every cwd match reads.

import { normalizeRepo } from "../../src/domain/projects";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { toProject } from "./docs";
import { storeError } from "./errors";
import { projectByKey } from "./tasks";
import type { Project } from "../validators";

/** A hub holds tens of projects; the cap keeps every read bounded. */
export const MAX_PROJECTS = 1000;

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
  for (const repo of repos) await ctx.db.insert("projectRepos", { projectId: id, repo });
  return toProject((await ctx.db.get(id))!);
}
