// The project permission checks every use case makes: domain/permissions.ts decides, this looks up the role and refuses.

import { decide, mayOperate, needsRole, outsideLimit, readableProjects, type ProjectAction } from "../domain/permissions";
import type { Project, TaskDetail, TaskFilter } from "../ports/store";
import type { UseCaseContext } from "./context";
import { AppError } from "./errors";

/**
 * Refuses unless the caller may do `action` in the project: forbidden when its role (or scope) falls
 * short, not_found (worded as for a missing thing, `notFound`) when a person has no role there at all.
 */
export async function requireProjectRole(ctx: UseCaseContext, project: { id: string; key: string }, action: ProjectAction, notFound = `Project ${project.key} not found`): Promise<void> {
  if (outsideLimit(ctx.asker, project.key)) throw new AppError("not_found", notFound);
  const role = needsRole(ctx.asker) ? await ctx.services.store.roleIn(project.id, ctx.asker.userId!) : null;
  const decision = decide(ctx.asker, role, action);
  if (decision === "hidden") throw new AppError("not_found", notFound);
  if (decision === "forbidden") throw new AppError("forbidden", `Your role in ${project.key} does not allow ${action}`, { project: project.key, role, needs: action });
}

/** A project the caller may act on; not_found when there is no such project or the person has no role in it. */
export async function requireProject(ctx: UseCaseContext, key: string, action: ProjectAction): Promise<Project> {
  const p = await ctx.services.store.getProject(key);
  if (!p) throw new AppError("not_found", `Project ${key} not found`);
  await requireProjectRole(ctx, p, action);
  return p;
}

/** The same check for the project a task belongs to; not_found when there is no such task, or it is hidden. */
export async function requireTask(ctx: UseCaseContext, key: string, action: ProjectAction): Promise<TaskDetail> {
  const t = await ctx.services.store.getTask(key);
  if (!t) throw new AppError("not_found", `Task ${key} not found`);
  await requireProjectRole(ctx, { id: t.projectId, key: t.projectKey }, action, `Task ${key} not found`);
  return t;
}

/** "all", or the ids of the projects a listing may show this caller. */
export async function readableProjectIds(ctx: UseCaseContext): Promise<"all" | string[]> {
  const ids = readableProjects(ctx.asker, needsRole(ctx.asker) ? await ctx.services.store.rolesOf(ctx.asker.userId!) : {});
  if (ctx.asker.admin || !ctx.asker.projects) return ids;
  const named = (await ctx.services.store.listProjects()).filter((p) => !outsideLimit(ctx.asker, p.key)).map((p) => p.id);
  return ids === "all" ? named : ids.filter((id) => named.includes(id));
}

/** Every project the caller may read, in the store's order. */
export async function readableProjectList(ctx: UseCaseContext): Promise<Project[]> {
  const [all, ids] = await Promise.all([ctx.services.store.listProjects(), readableProjectIds(ctx)]);
  return ids === "all" ? all : all.filter((p) => ids.includes(p.id));
}

/** A task filter narrowed to what the caller may read; a filter on an unreadable project finds nothing rather than saying it exists. */
export async function readableFilter(ctx: UseCaseContext, filter: TaskFilter): Promise<TaskFilter> {
  const ids = await readableProjectIds(ctx);
  return ids === "all" ? filter : { ...filter, projectIds: ids };
}

/** Hub-wide operator actions (replaying a delivery): forbidden for a person's token and for tokens that cannot write. */
export function requireOperator(ctx: Pick<UseCaseContext, "asker">): void {
  if (!mayOperate(ctx.asker)) throw new AppError("forbidden", "Only the hub's operator (an admin, or a write token of no person) may do this");
}
