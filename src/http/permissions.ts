// The project permission check routes call: the principal's scopes already passed; this applies the role rule.

import type { Context } from "hono";
import { mayAct, needsRole, type Asker, type ProjectAction } from "../domain/permissions";
import { hasScope } from "./auth";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

export function askerOf(c: Context<AppEnv>): Asker {
  const p = c.get("principal");
  if (!p) throw new ApiError(401, "unauthorized", "A bearer token is required");
  return { admin: hasScope(p, "admin"), userId: p.userId };
}

/** Throws 403 unless the principal may do `action` in the project (viewers read, members write, owners manage). */
export async function requireProjectRole(c: Context<AppEnv>, project: { id: string; key: string }, action: ProjectAction): Promise<void> {
  const asker = askerOf(c);
  const role = needsRole(asker) ? await c.get("services").store.roleIn(project.id, asker.userId!) : null;
  if (!mayAct(asker, role, action)) {
    throw new ApiError(403, "forbidden", `Your role in ${project.key} does not allow ${action}`, { project: project.key, role, needs: action });
  }
}

/** The same check for the project a task belongs to; 404 when there is no such task. */
export async function requireTaskRole(c: Context<AppEnv>, key: string, action: ProjectAction): Promise<void> {
  const t = await c.get("services").store.getTask(key);
  if (!t) throw new ApiError(404, "not_found", `Task ${key} not found`);
  await requireProjectRole(c, { id: t.projectId, key: t.projectKey }, action);
}
