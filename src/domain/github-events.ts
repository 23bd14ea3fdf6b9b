// The parts of GitHub webhook payloads the hub reads, and the compact forms stored for the workflows.

import { z } from "zod";
import { issueId } from "./issue-refs";

const repository = z.object({
  full_name: z.string(),
  default_branch: z.string().optional(),
  master_branch: z.string().optional(),
  html_url: z.string().optional(),
});

const login = z.object({ login: z.string() }).partial().nullish();

/** Commit messages, PR and issue text are untrusted: each is capped before it is stored. */
export const MESSAGE_MAX = 8_000;
export const BODY_MAX = 16_000;
const TITLE_MAX = 500;

const cap = (text: string | null | undefined, max: number) => (text ?? "").slice(0, max);
const defaultBranchOf = (r: z.infer<typeof repository>) => r.default_branch ?? r.master_branch ?? "main";

// ---------------------------------------------------------------- push

export const pushPayload = z.object({
  ref: z.string(),
  repository,
  pusher: z.object({ name: z.string().optional() }).partial().optional(),
  sender: login,
  commits: z
    .array(
      z.object({
        id: z.string(),
        message: z.string(),
        url: z.string().optional(),
        timestamp: z.string().optional(),
        author: z.object({ name: z.string().optional(), username: z.string().optional() }).partial().optional(),
      }),
    )
    .default([]),
});

export interface CompactPush {
  repo: string;
  defaultBranch: string;
  ref: string;
  actor: string;
  commits: { sha: string; message: string; url: string; at: string | null; author: string | null }[];
}

export function compactPush(raw: unknown): CompactPush {
  const p = pushPayload.parse(raw);
  const repo = p.repository.full_name;
  return {
    repo,
    defaultBranch: defaultBranchOf(p.repository),
    ref: p.ref,
    actor: p.sender?.login ?? p.pusher?.name ?? "unknown",
    commits: p.commits.map((c) => ({
      sha: c.id,
      message: cap(c.message, MESSAGE_MAX),
      url: c.url ?? `https://github.com/${repo}/commit/${c.id}`,
      at: c.timestamp ?? null,
      author: c.author?.username ?? c.author?.name ?? null,
    })),
  };
}

// ---------------------------------------------------------------- pull_request

/** Actions that can change what a PR links or where its tasks stand; the rest are acknowledged only. */
export const PULL_REQUEST_ACTIONS = new Set([
  "opened", "reopened", "edited", "synchronize", "closed", "ready_for_review", "converted_to_draft", "review_requested",
]);

export const pullRequestPayload = z.object({
  action: z.string(),
  repository,
  sender: login,
  pull_request: z.object({
    number: z.number().int(),
    html_url: z.string(),
    title: z.string(),
    body: z.string().nullish(),
    state: z.string(),
    draft: z.boolean().nullish(),
    merged: z.boolean().nullish(),
    merged_at: z.string().nullish(),
    updated_at: z.string().nullish(),
    head: z.object({ ref: z.string() }),
    base: z.object({ ref: z.string() }),
  }),
});

export interface CompactPullRequest {
  action: string;
  repo: string;
  defaultBranch: string;
  number: number;
  url: string;
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  merged: boolean;
  open: boolean;
  actor: string;
  at: string | null;
}

export function compactPullRequest(raw: unknown): CompactPullRequest {
  const p = pullRequestPayload.parse(raw);
  const pr = p.pull_request;
  return {
    action: p.action,
    repo: p.repository.full_name,
    defaultBranch: defaultBranchOf(p.repository),
    number: pr.number,
    url: pr.html_url,
    title: cap(pr.title, TITLE_MAX),
    body: cap(pr.body, BODY_MAX),
    head: cap(pr.head.ref, 1024),
    base: cap(pr.base.ref, 1024),
    draft: pr.draft ?? false,
    merged: pr.merged ?? !!pr.merged_at,
    open: pr.state === "open",
    actor: p.sender?.login ?? "unknown",
    at: pr.updated_at ?? null,
  };
}

// ---------------------------------------------------------------- issues

export const ISSUE_ACTIONS = new Set(["opened", "edited", "closed", "reopened", "assigned", "unassigned"]);

export const issuesPayload = z.object({
  action: z.string(),
  repository,
  sender: login,
  assignee: login,
  issue: z.object({
    number: z.number().int(),
    html_url: z.string(),
    title: z.string(),
    body: z.string().nullish(),
    state: z.string().optional(),
    state_reason: z.string().nullish(),
    assignee: login,
    updated_at: z.string().nullish(),
    pull_request: z.unknown().optional(),
  }),
});

export interface CompactIssue {
  action: string;
  repo: string;
  number: number;
  url: string;
  title: string;
  body: string;
  open: boolean;
  /** closed as "not planned" rather than done */
  notPlanned: boolean;
  /** the issue's assignee after this event, by GitHub login */
  assignee: string | null;
  actor: string;
  at: string | null;
}

export function compactIssue(raw: unknown): CompactIssue {
  const p = issuesPayload.parse(raw);
  const i = p.issue;
  return {
    action: p.action,
    repo: p.repository.full_name,
    number: i.number,
    url: i.html_url,
    title: cap(i.title, TITLE_MAX),
    body: cap(i.body, BODY_MAX),
    open: i.state !== "closed",
    notPlanned: i.state_reason === "not_planned",
    assignee: i.assignee?.login ?? null,
    actor: p.sender?.login ?? "unknown",
    at: i.updated_at ?? null,
  };
}

// ---------------------------------------------------------------- issue_comment

export const issueCommentPayload = z.object({
  action: z.string(),
  repository,
  sender: login,
  issue: z.object({ number: z.number().int(), html_url: z.string(), title: z.string(), pull_request: z.unknown().optional() }),
  comment: z.object({
    id: z.number(),
    body: z.string().nullish(),
    created_at: z.string().nullish(),
    user: login,
    author_association: z.string().nullish(),
  }),
});

export interface CompactIssueComment {
  /** GitHub's id of the comment: an imported comment is kept under it (domain/issue-sync.ts githubCommentKey). */
  commentId: number;
  repo: string;
  number: number;
  url: string;
  title: string;
  pullRequest: boolean;
  body: string;
  actor: string;
  /** Who wrote the comment, and how GitHub relates them to the repository (OWNER, MEMBER, COLLABORATOR, NONE…). */
  author: string | null;
  association: string | null;
  at: string | null;
}

/**
 * Comments that address the hub: a line starting with "/taskhub". Everything else is ignored at the door.
 * Leading blanks are spaces and tabs only: with \s* a run of blank lines was rescanned from each line start.
 */
export const TASKHUB_COMMAND = /^[ \t]*\/taskhub\s/im;

export function compactIssueComment(raw: unknown): CompactIssueComment {
  const p = issueCommentPayload.parse(raw);
  return {
    commentId: p.comment.id,
    repo: p.repository.full_name,
    number: p.issue.number,
    url: p.issue.html_url,
    title: cap(p.issue.title, TITLE_MAX),
    pullRequest: p.issue.pull_request !== undefined && p.issue.pull_request !== null,
    body: cap(p.comment.body, BODY_MAX),
    actor: p.sender?.login ?? "unknown",
    author: p.comment.user?.login ?? null,
    association: p.comment.author_association ?? null,
    at: p.comment.created_at ?? null,
  };
}

// ---------------------------------------------------------------- issue_dependencies and sub_issues

/** An issue as these events carry it: its number, and its repository by API URL when the event names no repository for it. */
const linkedIssue = z.object({ number: z.number().int(), repository_url: z.string().optional() });
const repoName = z.object({ full_name: z.string() });

export const issueDependenciesPayload = z.object({
  action: z.string(),
  repository: repoName,
  sender: login,
  blocked_issue: linkedIssue,
  blocking_issue: linkedIssue,
  blocking_issue_repo: repoName.optional(),
});

export const subIssuesPayload = z.object({
  action: z.string(),
  repository: repoName.optional(),
  sender: login,
  parent_issue: linkedIssue,
  sub_issue: linkedIssue,
  sub_issue_repo: repoName.optional(),
});

/**
 * One link between two issues, from the side GitHub delivers it to: "blocked_by" (the blocked issue's
 * repository) or "sub_issue" (the parent's). `issue` is the blocked issue or the sub-issue; `other` the
 * blocking issue or the parent; both "owner/repo#n".
 */
export interface CompactIssueLink {
  kind: "blocked_by" | "sub_issue";
  added: boolean;
  repo: string;
  issue: string;
  other: string;
  actor: string;
}

/** blocked_by_* and sub_issue_* only: blocking_* and parent_issue_* are the same links told to the other issue's repository. */
export const ISSUE_LINK_ACTIONS = new Set(["blocked_by_added", "blocked_by_removed", "sub_issue_added", "sub_issue_removed"]);

const repoOfUrl = (url: string | undefined) => (url ? /\/repos\/([^/]+\/[^/]+)$/.exec(url)?.[1] ?? null : null);

export function compactIssueDependency(raw: unknown): CompactIssueLink {
  const p = issueDependenciesPayload.parse(raw);
  const repo = p.repository.full_name;
  const blockingRepo = p.blocking_issue_repo?.full_name ?? repoOfUrl(p.blocking_issue.repository_url) ?? repo;
  return {
    kind: "blocked_by", added: p.action.endsWith("_added"), repo,
    issue: issueId(repo, p.blocked_issue.number), other: issueId(blockingRepo, p.blocking_issue.number), actor: p.sender?.login ?? "unknown",
  };
}

export function compactSubIssue(raw: unknown): CompactIssueLink {
  const p = subIssuesPayload.parse(raw);
  const repo = p.repository?.full_name ?? repoOfUrl(p.parent_issue.repository_url);
  if (!repo) throw new z.ZodError([{ code: "custom", path: ["repository"], message: "no repository for the parent issue", input: raw }]);
  const subRepo = p.sub_issue_repo?.full_name ?? repoOfUrl(p.sub_issue.repository_url) ?? repo;
  return {
    kind: "sub_issue", added: p.action.endsWith("_added"), repo,
    issue: issueId(subRepo, p.sub_issue.number), other: issueId(repo, p.parent_issue.number), actor: p.sender?.login ?? "unknown",
  };
}

// ---------------------------------------------------------------- the App lifecycle

export const installationPayload = z.object({
  action: z.string(),
  installation: z.object({ id: z.number(), account: login }),
  sender: login,
  repositories: z.array(z.object({ full_name: z.string() })).nullish(),
  repositories_added: z.array(z.object({ full_name: z.string() })).nullish(),
  repositories_removed: z.array(z.object({ full_name: z.string() })).nullish(),
});

export interface CompactInstallation {
  action: string;
  installationId: number;
  account: string | null;
  added: string[];
  removed: string[];
}

export function compactInstallation(raw: unknown): CompactInstallation {
  const p = installationPayload.parse(raw);
  const names = (rs: { full_name: string }[] | null | undefined) => (rs ?? []).map((r) => r.full_name);
  return {
    action: p.action,
    installationId: p.installation.id,
    account: p.installation.account?.login ?? null,
    added: [...names(p.repositories_added), ...(p.action === "created" ? names(p.repositories) : [])],
    removed: names(p.repositories_removed),
  };
}

// ---------------------------------------------------------------- what the route does with each event

export type GitHubEventPlan =
  | { kind: "pong" }
  | { kind: "workflow"; event: keyof typeof WORKFLOW_EVENTS; payload: unknown }
  | { kind: "record"; payload: unknown }
  | { kind: "ignore"; reason: string };

/**
 * Every form refs.ts reads as a task reference holds one of these: a key (HUB-12), an issue number (#12,
 * owner/repo#12) or an issue URL (/issues/12). A message with none of them names no task.
 */
const MAY_NAME_TASK = /-\d|#\d|\/issues\/\d/;

/** Events a workflow acts on, and the engine event each one becomes. */
export const WORKFLOW_EVENTS = {
  push: "github/push.received",
  pull_request: "github/pull_request.received",
  issues: "github/issues.received",
  issue_comment: "github/issue_comment.received",
  issue_dependencies: "github/issue_link.received",
  sub_issues: "github/issue_link.received",
} as const;

/** Decides, from the event name and parsed body, what the webhook route does; throws ZodError on a malformed handled payload. */
export function planGitHubEvent(event: string, payload: unknown): GitHubEventPlan {
  switch (event) {
    case "ping":
      return { kind: "pong" };
    case "push": {
      // A push that cannot name a task is kept for the record and starts no workflow: most pushes name none,
      // and a workflow run is the costliest thing ingress can cause (npm run bench, webhook ingest).
      const push = compactPush(payload);
      return push.commits.some((c) => MAY_NAME_TASK.test(c.message)) ? { kind: "workflow", event, payload: push } : { kind: "record", payload: push };
    }
    case "pull_request": {
      const pr = compactPullRequest(payload);
      return PULL_REQUEST_ACTIONS.has(pr.action) ? { kind: "workflow", event, payload: pr } : { kind: "ignore", reason: `action ${pr.action}` };
    }
    case "issues": {
      const issue = compactIssue(payload);
      return ISSUE_ACTIONS.has(issue.action) ? { kind: "workflow", event, payload: issue } : { kind: "ignore", reason: `action ${issue.action}` };
    }
    case "issue_comment": {
      const comment = compactIssueComment(payload);
      const action = (payload as { action?: string }).action;
      if (action !== "created") return { kind: "ignore", reason: `action ${action}` };
      // An issue's comments may be synced with its task (domain/issue-sync.ts); a PR's only carry commands.
      return TASKHUB_COMMAND.test(comment.body) || !comment.pullRequest ? { kind: "workflow", event, payload: comment } : { kind: "ignore", reason: "no /taskhub command" };
    }
    case "issue_dependencies":
    case "sub_issues": {
      const action = (payload as { action?: string }).action ?? "";
      if (!ISSUE_LINK_ACTIONS.has(action)) return { kind: "ignore", reason: `action ${action}` };
      return { kind: "workflow", event, payload: event === "sub_issues" ? compactSubIssue(payload) : compactIssueDependency(payload) };
    }
    case "installation":
    case "installation_repositories":
      return { kind: "record", payload: compactInstallation(payload) };
    default:
      return { kind: "ignore", reason: "event not handled" };
  }
}
