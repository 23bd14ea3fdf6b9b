// applyCommitRef on Convex: link a commit to a task once, and close the task once when the commit says so.

import { isDone } from "../../src/domain/tasks";
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
  const to = ref.close && !isDone(task.status) ? "completed" : ref.start && task.status === "todo" ? "in_progress" : null;
  const after = to ? await editTask(ctx, task, { status: to }, ref.actor, ref.at, { commit: ref.sha }) : task;
  if (link) await ctx.db.patch(link._id, { state, updatedAt: ref.at });
  else
    await ctx.db.insert("links", {
      taskId: task._id, kind: "commit", url: ref.url, ref: ref.sha, state, closes: false, title: ref.message.split("\n")[0].slice(0, 200), createdAt: ref.at, updatedAt: ref.at,
    });
  await writeActivity(ctx, {
    at: ref.at, actor: ref.actor, action: link ? "commit_closed" : "linked", taskId: task._id, taskKey: `${task.projectKey}-${task.number}`,
    projectId: task.projectId, data: { kind: "commit", sha: ref.sha, url: ref.url, repo: ref.repo, state },
  });
  return to ? { task: toTask(after), from: { status: task.status, dueAt: task.dueAt } } : null;
}
