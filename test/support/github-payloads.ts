// Webhook payloads cut from GitHub's own examples (@octokit/webhooks-examples), with the fields a test varies replaced.
import catalog from "@octokit/webhooks-examples/api.github.com/index.json";

type Payload = Record<string, any>;

const example = (event: string, action?: string): Payload => {
  const found = (catalog as { name: string; examples: Payload[] }[])
    .find((e) => e.name === event)!
    .examples.find((p) => (action ? p.action === action : (p.commits?.length ?? 1) > 0));
  return structuredClone(found!);
};

const repository = (base: Payload, repo: string) => ({
  ...base,
  full_name: repo,
  name: repo.split("/")[1],
  html_url: `https://github.com/${repo}`,
  default_branch: "main",
  master_branch: "main",
});

let shaCounter = 0;
/** A fresh 40-hex sha per call, so separate tests never share commits. */
export const newSha = () => `${crypto.randomUUID().replace(/-/g, "")}${(++shaCounter).toString(16).padStart(8, "0")}`.slice(0, 40);

export function pushPayload(repo: string, ref: string, commits: { message: string; sha?: string }[]): Payload {
  const p = example("push");
  const template = p.commits[0];
  p.ref = ref;
  p.repository = repository(p.repository, repo);
  p.commits = commits.map(({ message, sha = newSha() }) => ({ ...template, id: sha, message, url: `https://github.com/${repo}/commit/${sha}` }));
  p.head_commit = p.commits.at(-1) ?? null;
  p.before = newSha(); // each push moves a branch from its own head, so no two pushes have one body (the hub dedupes by body hash)
  return p;
}

export interface PullRequestFields {
  number: number;
  title: string;
  body?: string | null;
  head?: string;
  base?: string;
  draft?: boolean;
  state?: "open" | "closed";
  merged?: boolean;
}

export function pullRequestPayload(repo: string, action: string, f: PullRequestFields): Payload {
  const p = example("pull_request", "opened");
  p.action = action;
  p.number = f.number;
  p.repository = repository(p.repository, repo);
  const pr = p.pull_request;
  Object.assign(pr, {
    number: f.number,
    html_url: `https://github.com/${repo}/pull/${f.number}`,
    title: f.title,
    body: f.body ?? null,
    draft: f.draft ?? false,
    state: f.state ?? "open",
    merged: f.merged ?? false,
    merged_at: f.merged ? "2026-01-05T10:00:00Z" : null,
  });
  pr.head = { ...pr.head, ref: f.head ?? `change-${f.number}` };
  pr.base = { ...pr.base, ref: f.base ?? "main", repo: p.repository };
  return p;
}

export interface IssueFields {
  number: number;
  title: string;
  body?: string | null;
  state?: "open" | "closed";
  assignee?: string | null;
  /** Who did it (the payload's sender): the hub's own login for the echo of its own write. */
  sender?: string;
}

export function issuesPayload(repo: string, action: string, f: IssueFields): Payload {
  const p = example("issues", "opened");
  p.action = action;
  p.repository = repository(p.repository, repo);
  const user = p.issue.user;
  Object.assign(p.issue, {
    number: f.number,
    html_url: `https://github.com/${repo}/issues/${f.number}`,
    title: f.title,
    body: f.body ?? null,
    state: f.state ?? "open",
    assignee: f.assignee ? { ...user, login: f.assignee } : null,
    assignees: f.assignee ? [{ ...user, login: f.assignee }] : [],
  });
  if (action === "assigned" || action === "unassigned") p.assignee = f.assignee ? { ...user, login: f.assignee } : null;
  if (f.sender) p.sender = { ...p.sender, login: f.sender };
  return p;
}

export function issueCommentPayload(
  repo: string,
  f: { number: number; body: string; title?: string; pullRequest?: boolean; association?: string; author?: string; commentId?: number },
): Payload {
  const p = example("issue_comment", "created");
  p.repository = repository(p.repository, repo);
  Object.assign(p.issue, { number: f.number, html_url: `https://github.com/${repo}/${f.pullRequest ? "pull" : "issues"}/${f.number}`, title: f.title ?? `Item ${f.number}` });
  if (f.pullRequest) p.issue.pull_request = { url: `https://api.github.com/repos/${repo}/pulls/${f.number}` };
  else delete p.issue.pull_request;
  p.comment.body = f.body;
  if (f.association) p.comment.author_association = f.association;
  if (f.author) p.comment.user = { ...p.comment.user, login: f.author };
  if (f.commentId) p.comment.id = f.commentId;
  return p;
}

/** An issue as the issue_dependencies and sub_issues events embed it: cut from the issues example, renumbered into `repo`. */
function embeddedIssue(repo: string, number: number): Payload {
  const issue = example("issues", "opened").issue;
  return { ...issue, id: 5_000_000 + number, number, html_url: `https://github.com/${repo}/issues/${number}`, repository_url: `https://api.github.com/repos/${repo}` };
}

/**
 * issue_dependencies (blocked_by_added, blocked_by_removed): @octokit/webhooks-examples has no example yet, so this
 * follows GitHub's documented schema (@octokit/openapi-webhooks-types "webhook-issue-dependencies-blocked-by-added").
 */
export function issueDependencyPayload(repo: string, action: "blocked_by_added" | "blocked_by_removed", blocked: number, blocking: number, sender = "octocat"): Payload {
  const base = example("issues", "opened");
  const repository = { ...base.repository, full_name: repo, name: repo.split("/")[1] };
  const b = embeddedIssue(repo, blocked);
  const k = embeddedIssue(repo, blocking);
  return {
    action, blocked_issue_id: b.id, blocked_issue: b, blocking_issue_id: k.id, blocking_issue: k, blocking_issue_repo: repository,
    organization: { login: repo.split("/")[0] }, repository, sender: { ...base.sender, login: sender },
  };
}

/** sub_issues (sub_issue_added, sub_issue_removed), to GitHub's documented schema ("webhook-sub-issues-sub-issue-added"), for the same reason. */
export function subIssuePayload(repo: string, action: "sub_issue_added" | "sub_issue_removed", parent: number, sub: number, sender = "octocat"): Payload {
  const base = example("issues", "opened");
  const repository = { ...base.repository, full_name: repo, name: repo.split("/")[1] };
  const pi = embeddedIssue(repo, parent);
  const si = embeddedIssue(repo, sub);
  return { action, sub_issue_id: si.id, sub_issue: si, sub_issue_repo: repository, parent_issue_id: pi.id, parent_issue: pi, repository, sender: { ...base.sender, login: sender } };
}
