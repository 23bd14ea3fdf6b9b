// What a finished task frees (src/domain/release.ts decides), and which open blockers open work waits on.

import { planRelease } from "../../src/domain/release";
import { isDone, isOpen, OPEN_STATUSES } from "../../src/domain/tasks";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { writeActivity } from "./activity";
import { toTask } from "./docs";
import { MAX_EDGES_PER_TASK } from "./graph";
import { taskById } from "./tasks";
import type { Released, Task } from "../validators";

/** Open tasks read per status when looking for stale blockers, oldest-touched first. */
const BLOCKER_SCAN = 2000;

const keyOf = (t: Doc<"tasks">) => `${t.projectKey}-${t.number}`;

const dependentsOf = (ctx: QueryCtx, id: Id<"tasks">) =>
  ctx.db.query("dependencies").withIndex("by_dependsOnId", (q) => q.eq("dependsOnId", id)).take(MAX_EDGES_PER_TASK);

const blockersOf = (ctx: QueryCtx, id: Id<"tasks">) =>
  ctx.db.query("dependencies").withIndex("by_taskId_dependsOnId", (q) => q.eq("taskId", id)).take(MAX_EDGES_PER_TASK);

/** Whether this completion already wrote its "unblocked" row on the dependent (a replayed completion writes none). */
async function alreadyReleased(ctx: QueryCtx, dependent: Id<"tasks">, doneId: string): Promise<boolean> {
  const rows = await ctx.db
    .query("activity")
    .withIndex("by_taskId_action_seq", (q) => q.eq("taskId", dependent).eq("action", "unblocked"))
    .take(MAX_EDGES_PER_TASK);
  return rows.some((r) => r.data.byId === doneId);
}

export async function releaseDependents(ctx: MutationCtx, doneTaskId: string, actor: string, at: string): Promise<Released> {
  const done = await taskById(ctx, doneTaskId);
  if (!done || !isDone(done.status)) return { unblocked: [], stillBlocked: [] }; // reopened since: it frees nothing
  const tasks = new Map<string, Doc<"tasks">>();
  const blockers = new Map<string, string[]>();
  for (const edge of await dependentsOf(ctx, done._id)) {
    const dependent = await ctx.db.get(edge.taskId);
    if (!dependent) continue;
    tasks.set(dependent._id, dependent);
    const own = await blockersOf(ctx, dependent._id);
    blockers.set(dependent._id, own.map((b) => b.dependsOnId));
    for (const b of own) {
      const blocker = tasks.get(b.dependsOnId) ?? (await ctx.db.get(b.dependsOnId));
      if (blocker) tasks.set(blocker._id, blocker);
    }
  }
  const plan = planRelease(done._id, [...blockers.keys()], (id) => blockers.get(id) ?? [], (id) => tasks.get(id)?.status);
  for (const id of plan.freed) {
    const t = tasks.get(id)!;
    if (await alreadyReleased(ctx, t._id, done._id)) continue;
    await writeActivity(ctx, { at, actor, action: "unblocked", taskId: t._id, taskKey: keyOf(t), projectId: t.projectId, data: { by: keyOf(done), byId: done._id } });
  }
  return {
    unblocked: plan.freed.map((id) => toTask(tasks.get(id)!)),
    stillBlocked: plan.stillBlocked.map((s) => ({ task: toTask(tasks.get(s.id)!), blockers: s.blockers.map((b) => toTask(tasks.get(b)!)) })),
  };
}

/** Open blockers of open tasks, oldest-touched blocker first, up to `limit` waiting edges (as D1 orders and caps them). */
export async function blockersWithWaiting(ctx: QueryCtx, limit: number): Promise<{ blocker: Task; waiting: Task[] }[]> {
  const open = (
    await Promise.all(OPEN_STATUSES.map((status) => ctx.db.query("tasks").withIndex("by_status_updatedAt", (q) => q.eq("status", status)).take(BLOCKER_SCAN)))
  )
    .flat()
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  const out: { blocker: Task; waiting: Task[] }[] = [];
  let edges = 0;
  for (const blocker of open) {
    if (edges >= limit) break;
    const waiting: Task[] = [];
    for (const d of await dependentsOf(ctx, blocker._id)) {
      const w = await ctx.db.get(d.taskId);
      if (w && isOpen(w.status) && edges < limit) {
        waiting.push(toTask(w));
        edges++;
      }
    }
    if (waiting.length) out.push({ blocker: toTask(blocker), waiting });
  }
  return out;
}
