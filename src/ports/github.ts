// The GitHub port: what the hub says back on GitHub (Octokit), or a recorder when no token is set.

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export type { IssueRef } from "../domain/issue-sync";
import type { IssueRef } from "../domain/issue-sync";

/** An issue as a retry looking for its own needs it. */
export interface OwnIssue {
  number: number;
  url: string;
  title: string;
  body: string;
}

export type GitHubFailure = { ok: false; skipped: boolean; status: number | null; message: string };
export type GitHubResult<T extends object = object> = ({ ok: true } & T) | GitHubFailure;

export interface GitHub {
  readonly name: "octokit" | "disabled";
  /**
   * Creates or edits in place the one taskhub comment on a pull request. `knownCommentId` is the id
   * a previous call returned; without it the adapter looks for a marked comment written by whoAmI()
   * (anyone can paste the marker) before creating one.
   * Refusals (403, 404, 422) come back as a failure; transient errors (5xx, network) throw so the engine retries.
   */
  upsertPullRequestComment(pr: PullRequestRef, body: string, knownCommentId: number | null): Promise<GitHubResult<{ commentId: number }>>;
  /**
   * Issue sync (domain/issue-sync.ts), each call one documented REST route. Refusals come back as a failure,
   * transient errors throw, as above. Issues are named by number; the adapter finds the id GitHub's
   * dependency and sub-issue routes take.
   */
  createIssue(repo: string, issue: { title: string; body: string }): Promise<GitHubResult<{ number: number; url: string }>>;
  /**
   * Issues (not PRs) the hub's login opened in `repo` and touched since `since`, newest first, at most 100: where a retry
   * looks for an issue an earlier try opened but never recorded. Every login's when whoAmI() cannot say.
   */
  recentOwnIssues(repo: string, since: string): Promise<GitHubResult<{ issues: OwnIssue[] }>>;
  /** PATCH the issue's title and body to the task's. */
  editIssue(issue: IssueRef, text: { title: string; body: string }): Promise<GitHubResult>;
  setIssueState(issue: IssueRef, state: { open: true } | { open: false; reason: "completed" | "not_planned" }): Promise<GitHubResult>;
  /** POST or DELETE …/issues/{n}/dependencies/blocked_by: `issue` is blocked by `blocker`. */
  setBlockedBy(issue: IssueRef, blocker: IssueRef, blocked: boolean): Promise<GitHubResult>;
  /** POST …/issues/{parent}/sub_issues (replacing any parent it had) or DELETE …/issues/{parent}/sub_issue. */
  setSubIssue(parent: IssueRef, sub: IssueRef, attached: boolean): Promise<GitHubResult>;
  createIssueComment(issue: IssueRef, body: string): Promise<GitHubResult<{ commentId: number }>>;
  /** The GitHub login the hub writes as (GET /user), asked once and kept; null without a token or when GitHub will not say. */
  whoAmI(): Promise<string | null>;
}

/** Marks the hub's own comment (the domain writes it), so an adapter finds and edits it rather than posting twice. */
export { COMMENT_MARKER } from "../domain/pull-request-comment";
