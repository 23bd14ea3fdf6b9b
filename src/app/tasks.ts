// Task use cases: list, create, update, move and delete. Each checks the caller's role and sends the events its change causes.

import type { Task } from "../domain/tasks";
import type { Page, TaskDetail, TaskFilter } from "../ports/store";
import { now, type UseCaseContext } from "./context";
import { AppError } from "./errors";
import { cursorInput, moveInput, newTaskInput, taskPatchInput } from "./inputs";
import { readableFilter, requireProject, requireTask } from "./permissions";
import { opsForUpdate } from "../domain/issue-sync";
import { requestIssueSync } from "./issue-sync";
import { emitChanges } from "./task-events";

/** A user id or email to the user's id; null and undefined pass through; nobody by that name is the caller's mistake. */
export async function resolveAssignee(ctx: UseCaseContext, ref: string | null | undefined): Promise<string | null | undefined> {
  if (ref == null) return ref;
  const u = await ctx.services.store.findUser(ref);
  if (!u) throw new AppError("unknown_assignee", `No user with id or email ${ref}`, { assignee: ref });
  return u.id;
}

/** A page of the tasks the caller may read; a cursor the hub did not issue is refused, not passed to the store. */
export async function listTasks(ctx: UseCaseContext, filter: TaskFilter, limit: number, cursor: string | null | undefined): Promise<Page<Task>> {
  const after = cursor == null ? null : cursorInput.parse(cursor);
  return ctx.services.store.listTasks(await readableFilter(ctx, filter), limit, after);
}

export async function getTask(ctx: UseCaseContext, key: string): Promise<TaskDetail> {
  return requireTask(ctx, key, "read");
}

export async function createTask(ctx: UseCaseContext, input: unknown): Promise<Task> {
  const { assignee, project, ...fields } = newTaskInput.parse(input);
  await requireProject(ctx, project, "write");
  const assigneeId = await resolveAssignee(ctx, assignee);
  const task = await ctx.services.store.createTask({ ...fields, projectKey: project, assigneeId }, ctx.actor, now());
  await emitChanges(ctx.services, [{ task, from: null }]);
  await requestIssueSync(ctx.services, task, [{ op: "issue" }]);
  return task;
}

export async function updateTask(ctx: UseCaseContext, key: string, input: unknown): Promise<Task> {
  const { assignee, ...patch } = taskPatchInput.parse(input);
  const before = await requireTask(ctx, key, "write");
  const assigneeId = await resolveAssignee(ctx, assignee);
  const change = await ctx.services.store.updateTask(key, { ...patch, assigneeId }, ctx.actor, now());
  await emitChanges(ctx.services, [change]);
  await requestIssueSync(ctx.services, change.task, opsForUpdate(before, change.task));
  return change.task;
}

export async function moveTask(ctx: UseCaseContext, key: string, input: unknown): Promise<Task> {
  const { status } = moveInput.parse(input);
  const before = await requireTask(ctx, key, "write");
  const change = await ctx.services.store.updateTask(key, { status }, ctx.actor, now());
  await emitChanges(ctx.services, [change]);
  await requestIssueSync(ctx.services, change.task, opsForUpdate(before, change.task));
  return change.task;
}

export async function deleteTask(ctx: UseCaseContext, key: string): Promise<Task> {
  await requireTask(ctx, key, "write");
  return ctx.services.store.deleteTask(key, ctx.actor, now());
}
