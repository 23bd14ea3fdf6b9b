// "This task waits for that one": add and remove a dependency, for any surface.

import { now, type UseCaseContext } from "./context";
import { AppError } from "./errors";
import { dependencyInput } from "./inputs";
import { requestIssueSync } from "./issue-sync";
import { requireTask } from "./permissions";

/** Whether it is new; a dependency that would close a cycle is the store's refusal (with its path). */
export async function addDependency(ctx: UseCaseContext, key: string, input: unknown): Promise<boolean> {
  const { dependsOn } = dependencyInput.parse(input);
  const task = await requireTask(ctx, key, "write");
  // The blocker may sit in another project: the caller must at least see it, or the answer would reveal it.
  const blocker = await requireTask(ctx, dependsOn, "read");
  const added = await ctx.services.store.addDependency(key, dependsOn, ctx.actor, now());
  if (added) await requestIssueSync(ctx.services, task, [{ op: "dependency.added", otherId: blocker.id }]);
  return added;
}

export async function removeDependency(ctx: UseCaseContext, key: string, input: unknown): Promise<void> {
  const { dependsOn } = dependencyInput.parse(input);
  const task = await requireTask(ctx, key, "write");
  const blocker = await ctx.services.store.getTask(dependsOn);
  if (!(await ctx.services.store.removeDependency(key, dependsOn, ctx.actor, now()))) throw new AppError("not_found", `${key} does not depend on ${dependsOn}`);
  if (blocker) await requestIssueSync(ctx.services, task, [{ op: "dependency.removed", otherId: blocker.id }]);
}
