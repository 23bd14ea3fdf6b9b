// applyCommitRef on Convex: link a commit to a task once, apply its comments and time once, and move the task as src/domain/commits.ts says.

import { commitTarget } from "../../src/domain/commits";
import { capText } from "../../src/domain/tasks";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { writeActivity } from "./activity";
import { toTask } from "./docs";
import { editTask, taskByKey } from "./tasks";
import type { CommitRef, TaskChange } from "../validators";

export async function applyCommitRef(ctx: MutationCtx, ref: CommitRef): Promise<TaskChange | null> {
  const task = await taskByKey(ctx, ref.taskKey);
  if (!task) return null;
  const link = await ctx.db
    .query("links")
    .withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", task._id).eq("kind", "commit").eq("ref", ref.sha))
    .unique();
  // "closed" on the link means this commit already closed the task once; seeing it again changes nothing.
  if (link?.state === "closed" || (link && !ref.close)) return null;
  const state = ref.close ? "closed" : "linked";
  const to = commitTarget(task.status, ref);
  const after = to ? await editTask(ctx, task, { status: to }, ref.actor, ref.at, { commit: ref.sha }) : task;
  if (link) await ctx.db.patch(link._id, { state, updatedAt: ref.at });
  else
    await ctx.db.insert("links", {
      taskId: task._id, kind: "commit", url: ref.url, ref: ref.sha, state, closes: false, title: capText(ref.message.split("\n")[0], 200), createdAt: ref.at, updatedAt: ref.at,
    });
  await writeActivity(ctx, {
    at: ref.at, actor: ref.actor, action: link ? "commit_closed" : "linked", taskId: task._id, taskKey: `${task.projectKey}-${task.number}`,
    projectId: task.projectId, data: { kind: "commit", sha: ref.sha, url: ref.url, repo: ref.repo, state },
  });
  // Smart-commit records come with the first sighting of the link; their external keys keep them single.
  if (!link) await smartCommitRecords(ctx, task, ref);
  return to ? { task: toTask(after), from: { status: task.status, dueAt: task.dueAt } } : null;
}

async function smartCommitRecords(ctx: MutationCtx, task: Doc<"tasks">, ref: CommitRef): Promise<void> {
  const where = { taskId: task._id, taskKey: `${task.projectKey}-${task.number}`, projectId: task.projectId };
  for (const [i, body] of (ref.comments ?? []).entries()) {
    const externalKey = `commit:${ref.sha}:${task._id}:comment:${i}`;
    if (await ctx.db.query("comments").withIndex("by_externalKey", (q) => q.eq("externalKey", externalKey)).first()) continue;
    const id = await ctx.db.insert("comments", { taskId: task._id, author: ref.actor, body, externalKey, createdAt: ref.at });
    await writeActivity(ctx, { at: ref.at, actor: ref.actor, action: "commented", ...where, data: { commentId: id, sha: ref.sha, excerpt: capText(body, 120) } });
  }
  if (!ref.minutes || ref.minutes <= 0) return;
  const externalKey = `commit:${ref.sha}:${task._id}:time`;
  if (await ctx.db.query("timeEntries").withIndex("by_externalKey", (q) => q.eq("externalKey", externalKey)).first()) return;
  await ctx.db.insert("timeEntries", { taskId: task._id, userId: null, minutes: ref.minutes, source: "commit", ref: ref.sha, externalKey, createdAt: ref.at });
  await writeActivity(ctx, { at: ref.at, actor: ref.actor, action: "time_logged", ...where, data: { minutes: ref.minutes, source: "commit", sha: ref.sha } });
}
