// The project permission checks routes call: domain/permissions.ts decides, this looks up the role and turns the decision into 403/404.

import type { Context } from "hono";
import { decide, mayOperate, needsRole, readableProjects, type Asker, type ProjectAction } from "../domain/permissions";
import type { Project, TaskDetail, TaskFilter } from "../ports/store";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

export function askerOf(c: Context<AppEnv>): Asker {
  const p = c.get("principal");
  if (!p) throw new ApiError(401, "unauthorized", "A bearer token is required");
  return { admin: p.scopes.includes("admin"), userId: p.userId, scopes: p.scopes };
}

/**
 * Throws unless the principal may do `action` in the project: 403 when its role (or scope) falls
 * short, 404 (worded as for a missing thing, `notFound`) when a person has no role there at all.
 */
export async function requireProjectRole(
  c: Context<AppEnv>,
  project: { id: string; key: string },
  action: ProjectAction,
  notFound = `Project ${project.key} not found`,
): Promise<void> {
  const asker = askerOf(c);
  const role = needsRole(asker) ? await c.get("services").store.roleIn(project.id, asker.userId!) : null;
  const decision = decide(asker, role, action);
  if (decision === "hidden") throw new ApiError(404, "not_found", notFound);
  if (decision === "forbidden") {
    throw new ApiError(403, "forbidden", `Your role in ${project.key} does not allow ${action}`, { project: project.key, role, needs: action });
  }
}

/** A project the principal may act on; 404 when there is no such project or the person has no role in it. */
export async function requireProject(c: Context<AppEnv>, key: string, action: ProjectAction): Promise<Project> {
  const p = await c.get("services").store.getProject(key);
  if (!p) throw new ApiError(404, "not_found", `Project ${key} not found`);
  await requireProjectRole(c, p, action);
  return p;
}

/** The same check for the project a task belongs to; 404 when there is no such task, or it is hidden. Returns the task. */
export async function requireTaskRole(c: Context<AppEnv>, key: string, action: ProjectAction): Promise<TaskDetail> {
  const t = await c.get("services").store.getTask(key);
  if (!t) throw new ApiError(404, "not_found", `Task ${key} not found`);
  await requireProjectRole(c, { id: t.projectId, key: t.projectKey }, action, `Task ${key} not found`);
  return t;
}

/** "all", or the ids of the projects a listing may show this principal. */
export async function readableProjectIds(c: Context<AppEnv>): Promise<"all" | string[]> {
  const asker = askerOf(c);
  return readableProjects(asker, needsRole(asker) ? await c.get("services").store.rolesOf(asker.userId!) : {});
}

/** Every project the principal may read, in the store's order. */
export async function readableProjectList(c: Context<AppEnv>): Promise<Project[]> {
  const [all, ids] = await Promise.all([c.get("services").store.listProjects(), readableProjectIds(c)]);
  return ids === "all" ? all : all.filter((p) => ids.includes(p.id));
}

/** A task filter narrowed to what the principal may read; a filter on an unreadable project finds nothing rather than saying it exists. */
export async function readableFilter(c: Context<AppEnv>, filter: TaskFilter): Promise<TaskFilter> {
  const ids = await readableProjectIds(c);
  return ids === "all" ? filter : { ...filter, projectIds: ids };
}

/** Hub-wide operator actions (replaying a delivery): 403 for a person's token and for tokens that cannot write. */
export function requireOperator(c: Context<AppEnv>): void {
  if (!mayOperate(askerOf(c))) throw new ApiError(403, "forbidden", "Only the hub's operator (an admin, or a write token of no person) may do this");
}
