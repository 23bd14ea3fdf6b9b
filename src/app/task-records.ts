// What people say about a task and the time they spend on it: comment and log time, for any surface.

import type { Comment, TimeEntry } from "../ports/store";
import { now, type UseCaseContext } from "./context";
import { AppError } from "./errors";
import { commentInput, timeEntryInput } from "./inputs";
import { requestIssueSync } from "./issue-sync";
import { requireTask } from "./permissions";

export async function taskRecords(ctx: UseCaseContext, key: string): Promise<{ comments: Comment[]; timeEntries: TimeEntry[] }> {
  await requireTask(ctx, key, "read");
  const r = await ctx.services.store.taskRecords(key);
  if (!r) throw new AppError("not_found", `Task ${key} not found`);
  return r;
}

export async function addComment(ctx: UseCaseContext, key: string, input: unknown) {
  const { body } = commentInput.parse(input);
  const task = await requireTask(ctx, key, "write");
  const comment = await ctx.services.store.addComment(key, body, ctx.actor, now());
  await requestIssueSync(ctx.services, task, [{ op: "comment", otherId: comment.id }]);
  return comment;
}

export async function logTime(ctx: UseCaseContext, key: string, input: unknown) {
  const { minutes, note } = timeEntryInput.parse(input);
  await requireTask(ctx, key, "write");
  return ctx.services.store.addTimeEntry(key, { minutes, userId: ctx.asker.userId, source: "manual", ref: note ?? null }, ctx.actor, now());
}
