// Claims on opening a task's GitHub issue: each a mutation, so Convex's serializable transactions make one claimant win.

import { v } from "convex/values";
import { decideIssueClaim, mayRecordIssue } from "../src/domain/issue-openings";
import { withinProjects } from "../src/domain/repo-scope";
import type { Id } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import { hubMutation } from "./lib/hub";
import { taskByKey } from "./model/tasks";

const openingOf = (ctx: MutationCtx, taskId: Id<"tasks">, repo: string) =>
  ctx.db.query("issueOpenings").withIndex("by_taskId_repo", (q) => q.eq("taskId", taskId).eq("repo", repo)).unique();

const vIssueClaim = v.union(
  v.object({ state: v.literal("opened"), number: v.number(), url: v.string() }),
  v.object({ state: v.literal("won"), fresh: v.boolean(), since: v.string() }),
  v.object({ state: v.literal("held"), holder: v.string(), expiresAt: v.string() }),
);

export const claimIssueOpening = hubMutation({
  args: { claim: v.object({ taskKey: v.string(), repo: v.string(), projectIds: v.array(v.string()), holder: v.string(), at: v.string() }) },
  returns: v.nullable(vIssueClaim),
  handler: async (ctx, { claim: { taskKey, repo, projectIds, holder, at } }) => {
    const task = await taskByKey(ctx, taskKey);
    if (!task || !withinProjects(task, projectIds)) return null;
    const row = await openingOf(ctx, task._id, repo);
    const current = row && { holder: row.holder, since: row.since, expiresAt: row.expiresAt, number: row.number, url: row.url };
    const { claim, write } = decideIssueClaim(current, holder, at);
    if (write && row) await ctx.db.patch(row._id, { holder: write.holder, expiresAt: write.expiresAt });
    else if (write) await ctx.db.insert("issueOpenings", { taskId: task._id, repo, ...write });
    return claim;
  },
});

export const recordIssueOpened = hubMutation({
  args: { opened: v.object({ taskKey: v.string(), repo: v.string(), holder: v.string(), number: v.number(), url: v.string() }) },
  returns: v.boolean(),
  handler: async (ctx, { opened: { taskKey, repo, holder, number, url } }) => {
    const task = await taskByKey(ctx, taskKey);
    const row = task && (await openingOf(ctx, task._id, repo));
    if (!row || !mayRecordIssue(row, holder)) return false;
    await ctx.db.patch(row._id, { number, url });
    return true;
  },
});
