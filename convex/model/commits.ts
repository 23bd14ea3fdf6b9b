// applyCommitRef on Convex: executes src/domain/commits.ts planCommitRef in the mutation's transaction.

import { planCommitRef, type CommitRef } from "../../src/domain/commits";
import type { MutationCtx } from "../_generated/server";
import { writeActivity } from "./activity";
import { toTask } from "./docs";
import { editTask, taskByKey } from "./tasks";
import type { TaskChange } from "../validators";

export async function applyCommitRef(ctx: MutationCtx, ref: CommitRef): Promise<TaskChange | null> {
  const task = await taskByKey(ctx, ref.taskKey);
  if (!task) return null;
  const link = await ctx.db
    .query("links")
    .withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", task._id).eq("kind", "commit").eq("ref", ref.sha))
    .unique();
  const plan = planCommitRef({ id: task._id, projectId: task.projectId, status: task.status }, link, ref);
  if (!plan) return null;
  const after = plan.status ? await editTask(ctx, task, { status: plan.status }, ref.actor, ref.at, { commit: ref.sha }) : task;
  if (link) await ctx.db.patch(link._id, { state: plan.link.state, updatedAt: ref.at });
  else
    await ctx.db.insert("links", {
      taskId: task._id, kind: "commit", url: ref.url, ref: ref.sha, state: plan.link.state, closes: false, title: plan.link.title, createdAt: ref.at, updatedAt: ref.at,
    });
  const where = { at: ref.at, actor: ref.actor, taskId: task._id, taskKey: `${task.projectKey}-${task.number}`, projectId: task.projectId };
  await writeActivity(ctx, { ...where, ...plan.activity });
  for (const c of plan.comments) {
    if (await ctx.db.query("comments").withIndex("by_externalKey", (q) => q.eq("externalKey", c.externalKey)).first()) continue;
    const id = await ctx.db.insert("comments", { taskId: task._id, author: ref.actor, body: c.body, externalKey: c.externalKey, createdAt: ref.at });
    await writeActivity(ctx, { ...where, action: "commented", data: { commentId: id, ...c.data } });
  }
  const time = plan.time;
  if (time && !(await ctx.db.query("timeEntries").withIndex("by_externalKey", (q) => q.eq("externalKey", time.externalKey)).first())) {
    await ctx.db.insert("timeEntries", { taskId: task._id, userId: null, minutes: time.minutes, source: "commit", ref: ref.sha, externalKey: time.externalKey, createdAt: ref.at });
    await writeActivity(ctx, { ...where, action: "time_logged", data: time.data });
  }
  return plan.status ? { task: toTask(after), from: { status: task.status, dueAt: task.dueAt } } : null;
}
