// digestFor on Convex: one person's open and recently completed tasks, sorted into sections by src/domain/digest.ts.

import { buildDigest, type DigestSections, type DigestTask } from "../../src/domain/digest";
import { OPEN_STATUSES } from "../../src/domain/tasks";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import type { Task } from "../validators";
import { toTask } from "./docs";
import { hasOpenBlocker } from "./list";

/** More than a person can read in one email; the sections cap what they show. */
const DIGEST_SCAN = 500;

async function lastUnblockedAt(ctx: QueryCtx, t: Doc<"tasks">): Promise<string | null> {
  const row = await ctx.db
    .query("activity")
    .withIndex("by_taskId_action_seq", (q) => q.eq("taskId", t._id).eq("action", "unblocked"))
    .order("desc")
    .first();
  return row?.at ?? null;
}

export async function digestFor(ctx: QueryCtx, userId: string, range: { since: string; now: string }): Promise<DigestSections> {
  const tasks = ctx.db.query("tasks");
  const open = await Promise.all(
    OPEN_STATUSES.map((status) => tasks.withIndex("by_assigneeId_status_completedAt", (q) => q.eq("assigneeId", userId).eq("status", status)).take(DIGEST_SCAN)),
  );
  const completed = await tasks
    .withIndex("by_assigneeId_status_completedAt", (q) => q.eq("assigneeId", userId).eq("status", "completed").gt("completedAt", range.since))
    .take(DIGEST_SCAN);
  // Most recently touched first, as D1 reads them: buildDigest keeps this order within a section.
  const mine = [...open.flat(), ...completed].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, DIGEST_SCAN);
  const withState: DigestTask[] = await Promise.all(
    mine.map(async (t) => ({ ...toTask(t), blocked: await hasOpenBlocker(ctx, t), unblockedAt: await lastUnblockedAt(ctx, t) })),
  );
  const sections = buildDigest(withState, range.since, new Date(range.now));
  // The sections hold DigestTasks; the function returns plain tasks, as its validator says.
  const plain = (xs: Task[]) => xs.map((x) => toTask(byId.get(x.id)!));
  const byId = new Map(mine.map((t) => [t._id as string, t]));
  return {
    completed: plain(sections.completed), inProgress: plain(sections.inProgress), dueSoon: plain(sections.dueSoon),
    overdue: plain(sections.overdue), blocked: plain(sections.blocked), unblocked: plain(sections.unblocked),
  };
}
