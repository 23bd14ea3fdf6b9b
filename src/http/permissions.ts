// A request's caller for the use cases (src/app), and the app's permission checks for routes that only read.

import type { Context } from "hono";
import type { UseCaseContext } from "../app/context";
import * as app from "../app/permissions";
import type { Asker, ProjectAction } from "../domain/permissions";
import type { Project, TaskDetail, TaskFilter } from "../ports/store";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

export function askerOf(c: Context<AppEnv>): Asker {
  const p = c.get("principal");
  if (!p) throw new ApiError(401, "unauthorized", "A bearer token is required");
  return { admin: p.scopes.includes("admin"), userId: p.userId, scopes: p.scopes, projects: p.projects ?? null };
}

/** What every use case takes: the services, who asks, and how the activity log names them. */
export function useCaseOf(c: Context<AppEnv>): UseCaseContext {
  const asker = askerOf(c);
  const p = c.get("principal")!;
  return { services: c.get("services"), asker, actor: p.userId ? `user:${p.userId}` : `token:${p.name}` };
}

export const requireProjectRole = (c: Context<AppEnv>, project: { id: string; key: string }, action: ProjectAction, notFound?: string): Promise<void> =>
  app.requireProjectRole(useCaseOf(c), project, action, notFound);
export const requireProject = (c: Context<AppEnv>, key: string, action: ProjectAction): Promise<Project> => app.requireProject(useCaseOf(c), key, action);
export const requireTaskRole = (c: Context<AppEnv>, key: string, action: ProjectAction): Promise<TaskDetail> => app.requireTask(useCaseOf(c), key, action);
export const readableProjectIds = (c: Context<AppEnv>): Promise<"all" | string[]> => app.readableProjectIds(useCaseOf(c));
export const readableProjectList = (c: Context<AppEnv>): Promise<Project[]> => app.readableProjectList(useCaseOf(c));
export const readableFilter = (c: Context<AppEnv>, filter: TaskFilter): Promise<TaskFilter> => app.readableFilter(useCaseOf(c), filter);
export const requireOperator = (c: Context<AppEnv>): void => app.requireOperator({ asker: askerOf(c) });
