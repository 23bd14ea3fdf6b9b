// "This task waits for that one": add and remove a dependency, for any surface.

import { now, type UseCaseContext } from "./context";
import { AppError } from "./errors";
import { dependencyInput } from "./inputs";
import { requireTask } from "./permissions";

/** Whether it is new; a dependency that would close a cycle is the store's refusal (with its path). */
export async function addDependency(ctx: UseCaseContext, key: string, input: unknown): Promise<boolean> {
  const { dependsOn } = dependencyInput.parse(input);
  await requireTask(ctx, key, "write");
  // The blocker may sit in another project: the caller must at least see it, or the answer would reveal it.
  await requireTask(ctx, dependsOn, "read");
  return ctx.services.store.addDependency(key, dependsOn, ctx.actor, now());
}

export async function removeDependency(ctx: UseCaseContext, key: string, input: unknown): Promise<void> {
  const { dependsOn } = dependencyInput.parse(input);
  await requireTask(ctx, key, "write");
  if (!(await ctx.services.store.removeDependency(key, dependsOn, ctx.actor, now()))) throw new AppError("not_found", `${key} does not depend on ${dependsOn}`);
}
