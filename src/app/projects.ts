// Projects: creating one and changing its settings (a repository or a folder belongs to one project, moved only by an admin who says so), and finding a session's.

import { needsRole, outsideLimit, scopesCover } from "../domain/permissions";
import { claimConflicts, describeConflicts, matchProjectByCwd, withoutClaims } from "../domain/projects";
import type { ExportRecord } from "../domain/export";
import type { Project, ProjectPatch } from "../ports/store";
import { now, type UseCaseContext } from "./context";
import { AppError } from "./errors";
import { requireProject } from "./permissions";

export interface NewProjectInput {
  key: string;
  name: string;
  description?: string | null;
  repos: string[];
  paths: string[];
  /** An admin's explicit "take them from whoever holds them". */
  move?: boolean;
}

export type ProjectPatchInput = ProjectPatch & { move?: boolean };

/**
 * Refuses (409, naming the holders) repos or paths another project holds; with `move` from an admin, takes
 * them from the holders first. Without the check any owner could route another team's events to themselves.
 */
async function settleClaims(ctx: UseCaseContext, key: string, repos: string[], paths: string[], move: boolean | undefined): Promise<void> {
  if (move && !ctx.asker.admin) throw new AppError("forbidden", "Only an admin may move a repository or path from another project");
  const { store } = ctx.services;
  const projects = await store.listProjects();
  const conflicts = claimConflicts(projects, key, repos, paths);
  if (!conflicts.length) return;
  if (!move) {
    throw new AppError("conflict", `Already held by another project: ${describeConflicts(conflicts)}`, { conflicts, hint: "an admin may pass move: true" });
  }
  const at = now();
  for (const holder of projects.filter((p) => conflicts.some((c) => c.holder === p.key))) {
    await store.updateProject(holder.key, withoutClaims(holder, conflicts), at);
  }
}

export async function createProject(ctx: UseCaseContext, input: NewProjectInput): Promise<Project> {
  const { move, ...project } = input;
  if (await ctx.services.store.getProject(project.key)) throw new AppError("conflict", `Project ${project.key} already exists`);
  await settleClaims(ctx, project.key, project.repos, project.paths, move);
  return ctx.services.store.createProject({ ...project, at: now() });
}

/** What an import does with repositories and folders another project holds: refuse (409), take them (admin), or leave them out. */
export type ImportClaims = "refuse" | "move" | "drop";

/**
 * Loads an exported project file. Its repos and paths are claims like a new project's: a copy imported next to
 * its original (or a stranger's file) would otherwise route the holder's events to two projects.
 */
export async function importProjectFile(ctx: UseCaseContext, records: ExportRecord[], claims: ImportClaims = "refuse") {
  const project = records.find((r) => r.type === "project");
  if (project?.type !== "project") return ctx.services.store.importProject(records, ctx.actor, now()); // the store names what is missing
  if (claims !== "drop") {
    await settleClaims(ctx, project.key, project.repos, project.paths, claims === "move");
    return ctx.services.store.importProject(records, ctx.actor, now());
  }
  const held = claimConflicts(await ctx.services.store.listProjects(), project.key, project.repos, project.paths);
  const kept = { ...project, repos: project.repos.filter((r) => !held.some((c) => c.kind === "repo" && c.claimed === r)), paths: project.paths.filter((x) => !held.some((c) => c.kind === "path" && c.claimed === x)) };
  return ctx.services.store.importProject(records.map((r) => (r === project ? kept : r)), ctx.actor, now());
}

export async function updateProject(ctx: UseCaseContext, key: string, input: ProjectPatchInput): Promise<Project> {
  const { move, ...patch } = input;
  const project = await requireProject(ctx, key, "manage");
  await settleClaims(ctx, project.key, patch.repos ?? [], patch.paths ?? [], move);
  return ctx.services.store.updateProject(project.key, patch, now());
}

/**
 * The project a session's folder belongs to, among those the caller may read; null when none. The SessionStart
 * hook asks with the ingest token Claude Code already has, so the ingest scope may make this read too.
 */
export async function projectOfCwd(ctx: UseCaseContext, cwd: string): Promise<Project | null> {
  const { asker } = ctx;
  if (!asker.admin && !scopesCover(asker.scopes, "read") && !scopesCover(asker.scopes, "ingest")) {
    throw new AppError("forbidden", "This token lacks the read or ingest scope");
  }
  const { store } = ctx.services;
  // A person's token sees only the projects where they hold a role; a token limited to named projects, only those.
  const roles = needsRole(asker) ? await store.rolesOf(asker.userId!) : null;
  const projects = (await store.listProjects()).filter((x) => (!roles || roles[x.id]) && !outsideLimit(asker, x.key));
  return matchProjectByCwd(projects, cwd);
}
