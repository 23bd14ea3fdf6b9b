// Who belongs to a project and in which role: owners (and admins) manage them.

import { now, type UseCaseContext } from "./context";
import { AppError } from "./errors";
import { memberInput } from "./inputs";
import { requireProject } from "./permissions";

export async function listMembers(ctx: UseCaseContext, projectKey: string) {
  const project = await requireProject(ctx, projectKey, "read");
  return ctx.services.store.listMembers(project.key);
}

export async function setMember(ctx: UseCaseContext, projectKey: string, userId: string, input: unknown) {
  const { role } = memberInput.parse(input);
  const project = await requireProject(ctx, projectKey, "manage");
  return ctx.services.store.setMember(project.key, userId, role, ctx.actor, now());
}

export async function removeMember(ctx: UseCaseContext, projectKey: string, userId: string): Promise<void> {
  const project = await requireProject(ctx, projectKey, "manage");
  if (!(await ctx.services.store.removeMember(project.key, userId, ctx.actor, now()))) throw new AppError("not_found", `${userId} is not a member of ${project.key}`);
}
