// GitHub on Convex: issues mirrored as tasks (src/domain/issues.ts), pull requests moving their tasks (src/domain/pull-requests.ts), and the PR comment's bookkeeping.

import type { CompactIssue } from "../../src/domain/github-events";
import { issueId } from "../../src/domain/issue-refs";
import { withinProjects } from "../../src/domain/repo-scope";
import { planPullRequestTask, pullRequestRow } from "../../src/domain/pull-request-sync";
import { issueExternalKey, issueLink, issueTaskDraft, issueTaskPatch, mirrorsIssues } from "../../src/domain/issues";
import { nextPullRequestState, OPEN_PULL_REQUEST_STATES } from "../../src/domain/pull-requests";
import { capText } from "../../src/domain/tasks";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { writeActivity } from "./activity";
import { toTask } from "./docs";
import { byGithubLogin } from "./people";
import { projectsOfRepo } from "./projects";
import { editTask, insertTask, taskById, taskByExternalKey, taskByKey } from "./tasks";
import type { PullRequestOutcome, PullRequestSync, TaskChange } from "../validators";

/** Tasks one PR links, and PRs one task is linked to: far more than any real PR or task has. */
const MAX_LINKS = 500;
/** The port promises at most this many open PRs per task (their comments list it). */
const OPEN_PULL_REQUESTS_MAX = 50;

const keyOf = (t: Doc<"tasks">) => `${t.projectKey}-${t.number}`;

type LinkFields = { kind: Doc<"links">["kind"]; ref: string; url: string; state: string; title: string; closes?: boolean; at: string };

/** A task's link to a commit, PR or issue: inserted once (unique per task, kind and ref), brought up to date after. */
async function upsertLink(ctx: MutationCtx, taskId: Id<"tasks">, l: LinkFields): Promise<void> {
  const existing = await ctx.db
    .query("links")
    .withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", taskId).eq("kind", l.kind).eq("ref", l.ref))
    .unique();
  const closes = l.closes ?? existing?.closes ?? false;
  if (existing) await ctx.db.patch(existing._id, { state: l.state, title: l.title, closes, updatedAt: l.at });
  else await ctx.db.insert("links", { taskId, kind: l.kind, url: l.url, ref: l.ref, state: l.state, title: l.title, closes, createdAt: l.at, updatedAt: l.at });
}

const linksTo = (ctx: QueryCtx, kind: Doc<"links">["kind"], ref: string) =>
  ctx.db.query("links").withIndex("by_kind_ref", (q) => q.eq("kind", kind).eq("ref", ref)).take(MAX_LINKS);

const pullRequestLinksOf = (ctx: QueryCtx, taskId: Id<"tasks">) =>
  ctx.db.query("links").withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", taskId).eq("kind", "pull_request")).take(MAX_LINKS);

const pullRequestDoc = (ctx: QueryCtx, prId: string) => ctx.db.query("pullRequests").withIndex("by_prId", (q) => q.eq("prId", prId)).unique();

export async function tasksForIssues(ctx: QueryCtx, issueIds: string[], projectIds: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of new Set(issueIds)) {
    for (const link of await linksTo(ctx, "issue", id)) {
      const task = await ctx.db.get(link.taskId);
      if (task && withinProjects(task, projectIds)) {
        out[id] = keyOf(task);
        break;
      }
    }
  }
  return out;
}

export async function mirrorIssue(ctx: MutationCtx, issue: CompactIssue, actor: string, at: string): Promise<TaskChange | null> {
  const project = (await projectsOfRepo(ctx, issue.repo)).sort((a, b) => a.key.localeCompare(b.key)).find((p) => mirrorsIssues(p.settings));
  if (!project) return null;
  const l = issueLink(issue);
  const ref = l.ref;
  const existing = await taskByExternalKey(ctx, issueExternalKey(issue.repo, issue.number));
  const assigneeId = issue.assignee ? ((await byGithubLogin(ctx, issue.assignee))?._id ?? null) : null;
  const link = (taskId: Id<"tasks">) => upsertLink(ctx, taskId, { kind: "issue", ...l, at });
  if (!existing) {
    const doc = (await insertTask(ctx, { ...issueTaskDraft(issue, assigneeId, actor), projectId: project.id as Id<"projects">, parentId: null }, actor, at))!;
    await link(doc._id);
    return { task: toTask(doc), from: null };
  }
  const patch = issueTaskPatch(toTask(existing), issue, assigneeId);
  await link(existing._id);
  if (!Object.keys(patch).length) return null;
  const after = await editTask(ctx, existing, patch, actor, at, { issue: ref });
  return { task: toTask(after), from: { status: existing.status, dueAt: existing.dueAt } };
}

/** How many other closing PRs of this task are still open: merging one of several does not complete the task. */
async function otherOpenClosingPullRequests(ctx: QueryCtx, taskId: Id<"tasks">, prId: string): Promise<number> {
  const links = await pullRequestLinksOf(ctx, taskId);
  return links.filter((l) => l.closes && l.ref !== prId && OPEN_PULL_REQUEST_STATES.includes(l.state as never)).length;
}

export async function applyPullRequest(ctx: MutationCtx, pr: PullRequestSync): Promise<PullRequestOutcome> {
  const id = issueId(pr.repo, pr.number);
  const prev = await pullRequestDoc(ctx, id);
  const state = nextPullRequestState(prev?.state ?? null, pr.event);
  // Tasks linked by earlier events stay linked when an edit drops their key; closing sticks once said.
  const byTask = new Map<string, { task: Doc<"tasks">; closes: boolean; link: Doc<"links"> | null }>();
  for (const link of await linksTo(ctx, "pull_request", id)) {
    const task = await ctx.db.get(link.taskId);
    if (task) byTask.set(task._id, { task, closes: link.closes, link });
  }
  for (const l of pr.links) {
    const task = await taskByKey(ctx, l.taskKey);
    if (!task || !withinProjects(task, pr.projectIds)) continue;
    const had = byTask.get(task._id);
    byTask.set(task._id, { task, closes: (had?.closes ?? false) || l.closes, link: had?.link ?? null });
  }
  const event = { ref: id, url: pr.url, title: pr.title, base: pr.base, intoDefaultBranch: pr.intoDefaultBranch };
  const fields = { ...pullRequestRow(event, state), updatedAt: pr.at };
  if (prev) await ctx.db.patch(prev._id, fields);
  else await ctx.db.insert("pullRequests", { ...fields, prId: id, repo: pr.repo, number: pr.number, commentId: null, createdAt: pr.at });
  const changes: TaskChange[] = [];
  for (const { task, closes, link } of byTask.values()) {
    const others = await otherOpenClosingPullRequests(ctx, task._id, id);
    const plan = planPullRequestTask(event, state, { status: task.status, closes, link, otherOpenClosingPullRequests: others });
    if (plan.to) {
      const after = await editTask(ctx, task, { status: plan.to }, pr.actor, pr.at, { pullRequest: id });
      changes.push({ task: toTask(after), from: { status: task.status, dueAt: task.dueAt } });
    }
    await upsertLink(ctx, task._id, { kind: "pull_request", ref: id, url: pr.url, ...plan.link, at: pr.at });
    if (plan.news) await writeActivity(ctx, { at: pr.at, actor: pr.actor, ...plan.news, taskId: task._id, taskKey: keyOf(task), projectId: task.projectId });
  }
  return { state, changes, linked: [...byTask.values()].map((v) => keyOf(v.task)) };
}

export async function pullRequestComment(ctx: QueryCtx, repo: string, number: number) {
  const id = issueId(repo, number);
  const pr = await pullRequestDoc(ctx, id);
  if (!pr) return null;
  const links = (await linksTo(ctx, "pull_request", id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const tasks = (await Promise.all(links.map((l) => ctx.db.get(l.taskId)))).flatMap((t) => (t ? [toTask(t)] : []));
  tasks.sort((a, b) => a.key.localeCompare(b.key, "en", { numeric: true }));
  return { repo: pr.repo, number: pr.number, commentId: pr.commentId, tasks };
}

export type CommentOutcome = { commentId: number } | { skipped: boolean; status: number | null; message: string };

/** Keeps the comment id for the next edit; a failed or skipped call is written on each linked task's activity. */
export async function recordPullRequestComment(ctx: MutationCtx, repo: string, number: number, outcome: CommentOutcome, at: string): Promise<void> {
  const id = issueId(repo, number);
  if ("commentId" in outcome) {
    const pr = await pullRequestDoc(ctx, id);
    if (pr) await ctx.db.patch(pr._id, { commentId: outcome.commentId });
    return;
  }
  const action = outcome.skipped ? "github_call_skipped" : "github_call_failed";
  for (const link of await linksTo(ctx, "pull_request", id)) {
    const task = await ctx.db.get(link.taskId);
    if (!task) continue;
    await writeActivity(ctx, {
      at, actor: "system", action, taskId: task._id, taskKey: keyOf(task), projectId: task.projectId,
      data: { call: "upsertPullRequestComment", pullRequest: id, status: outcome.status, message: capText(outcome.message, 300) },
    });
  }
}

/** The open pull requests a task is linked to, unordered. */
async function openPullRequestDocs(ctx: QueryCtx, taskId: Id<"tasks">): Promise<Doc<"pullRequests">[]> {
  const prs = await Promise.all((await pullRequestLinksOf(ctx, taskId)).map((l) => pullRequestDoc(ctx, l.ref)));
  return prs.flatMap((pr) => (pr && OPEN_PULL_REQUEST_STATES.includes(pr.state) ? [pr] : []));
}

export async function openPullRequestsOf(ctx: QueryCtx, taskId: string): Promise<{ repo: string; number: number }[]> {
  const task = await taskById(ctx, taskId);
  if (!task) return [];
  return (await openPullRequestDocs(ctx, task._id))
    .sort((a, b) => a.prId.localeCompare(b.prId))
    .slice(0, OPEN_PULL_REQUESTS_MAX)
    .map((pr) => ({ repo: pr.repo, number: pr.number }));
}

/** Of these task ids, which other tasks depend on and which have an open pull request (the hints their events carry). */
export async function watchedTasks(ctx: QueryCtx, taskIds: string[]): Promise<{ withDependents: string[]; withOpenPullRequests: string[] }> {
  const withDependents: string[] = [];
  const withOpenPullRequests: string[] = [];
  for (const id of new Set(taskIds)) {
    const task = await taskById(ctx, id);
    if (!task) continue;
    if (await ctx.db.query("dependencies").withIndex("by_dependsOnId", (q) => q.eq("dependsOnId", task._id)).first()) withDependents.push(id);
    if ((await openPullRequestDocs(ctx, task._id)).length) withOpenPullRequests.push(id);
  }
  return { withDependents, withOpenPullRequests };
}

/** Links an issue or PR to a task at a person's request ("/taskhub link HUB-12"); false when the task is unknown or already linked. */
export async function linkGitHubItem(
  ctx: MutationCtx,
  l: { taskKey: string; kind: "pull_request" | "issue"; ref: string; projectIds: string[]; url: string; title: string; actor: string; at: string; by?: "comment" | "sync" },
): Promise<boolean> {
  const task = await taskByKey(ctx, l.taskKey);
  if (!task || !withinProjects(task, l.projectIds)) return false;
  const existing = await ctx.db.query("links").withIndex("by_taskId_kind_ref", (q) => q.eq("taskId", task._id).eq("kind", l.kind).eq("ref", l.ref)).unique();
  if (existing) return false;
  await ctx.db.insert("links", {
    taskId: task._id, kind: l.kind, url: l.url, ref: l.ref, state: null, title: capText(l.title, 200), closes: false, createdAt: l.at, updatedAt: l.at,
  });
  // Only a link this call made is news for the feed.
  await writeActivity(ctx, {
    at: l.at, actor: l.actor, action: "linked", taskId: task._id, taskKey: keyOf(task), projectId: task.projectId, data: { kind: l.kind, ref: l.ref, url: l.url, by: l.by ?? "comment" },
  });
  return true;
}
