// GitHub links: commits and pull requests moving their tasks, mirrored issues, links asked for in comments, and the one comment on each PR.

import { v } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { applyCommitRef as applyRef } from "./model/commits";
import * as github from "./model/github";
import {
  vCommitRef, vCompactIssue, vPullRequestCommentData, vPullRequestCommentOutcome, vPullRequestOutcome, vPullRequestSync, vTaskChange,
} from "./validators";

export const tasksForIssues = hubQuery({
  args: { issueIds: v.array(v.string()), projectIds: v.array(v.string()) },
  returns: v.record(v.string(), v.string()),
  handler: (ctx, { issueIds, projectIds }) => github.tasksForIssues(ctx, issueIds, projectIds),
});

export const mirrorIssue = hubMutation({
  args: { issue: vCompactIssue, actor: v.string(), at: v.string() },
  returns: v.nullable(vTaskChange),
  handler: (ctx, { issue, actor, at }) => github.mirrorIssue(ctx, issue, actor, at),
});

export const applyPullRequest = hubMutation({
  args: { pr: vPullRequestSync },
  returns: vPullRequestOutcome,
  handler: (ctx, { pr }) => github.applyPullRequest(ctx, pr),
});

export const pullRequestComment = hubQuery({
  args: { repo: v.string(), number: v.number() },
  returns: v.nullable(vPullRequestCommentData),
  handler: (ctx, { repo, number }) => github.pullRequestComment(ctx, repo, number),
});

export const recordPullRequestComment = hubMutation({
  args: { repo: v.string(), number: v.number(), outcome: vPullRequestCommentOutcome, at: v.string() },
  returns: v.null(),
  handler: async (ctx, { repo, number, outcome, at }) => {
    await github.recordPullRequestComment(ctx, repo, number, outcome, at);
    return null;
  },
});

export const openPullRequestsOf = hubQuery({
  args: { taskId: v.string() },
  returns: v.array(v.object({ repo: v.string(), number: v.number() })),
  handler: (ctx, { taskId }) => github.openPullRequestsOf(ctx, taskId),
});

export const linkGitHubItem = hubMutation({
  args: {
    link: v.object({
      taskKey: v.string(), kind: v.union(v.literal("pull_request"), v.literal("issue")), ref: v.string(), url: v.string(), title: v.string(),
      projectIds: v.array(v.string()), actor: v.string(), at: v.string(), by: v.optional(v.union(v.literal("comment"), v.literal("sync"))),
    }),
  },
  returns: v.boolean(),
  handler: (ctx, { link }) => github.linkGitHubItem(ctx, link),
});

export const applyCommitRef = hubMutation({
  args: { ref: vCommitRef },
  returns: v.nullable(vTaskChange),
  handler: (ctx, { ref }) => applyRef(ctx, ref),
});
