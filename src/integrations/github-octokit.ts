// The GitHub adapter with a token: @octokit/rest keeps one taskhub comment per pull request, found by its marker and its author.

import { Octokit } from "@octokit/rest";
import { COMMENT_MARKER, type GitHub, type OwnIssue, type GitHubResult, type IssueRef, type PullRequestRef } from "../ports/github";

/** Pages of 100 comments searched for the marker before a new comment is posted; busy PRs rarely pass 1,000. */
const MAX_PAGES = 10;

/** GitHub's answers that retrying will not change: no access, no such PR, or a body it refuses. */
const REFUSED = new Set([401, 403, 404, 410, 422]);

/**
 * The login behind each token, asked once per isolate: services are built per request and per workflow
 * step, and the answer only changes with the token. Keyed by token in memory only; never logged.
 */
const logins = new Map<string, Promise<string | null>>();

export class OctokitGitHub implements GitHub {
  readonly name = "octokit" as const;
  private readonly octokit: Octokit;
  private readonly loginKey: string;

  constructor(token: string, opts: { baseUrl?: string } = {}) {
    this.octokit = new Octokit({ auth: token, baseUrl: opts.baseUrl, userAgent: "taskhub" });
    this.loginKey = `${opts.baseUrl ?? ""} ${token}`;
  }

  /**
   * A refusal (an installation token may not read /user) is kept as null: the hub then trusts only the
   * comment id it stored. A transient error is not kept, so the next call asks again.
   */
  whoAmI(): Promise<string | null> {
    let login = logins.get(this.loginKey);
    if (!login) {
      login = this.octokit.rest.users.getAuthenticated().then(
        ({ data }) => data.login,
        (e) => {
          const status = statusOf(e);
          if (status !== null && REFUSED.has(status)) return null;
          logins.delete(this.loginKey);
          throw e;
        },
      );
      logins.set(this.loginKey, login);
    }
    return login;
  }

  async upsertPullRequestComment(pr: PullRequestRef, body: string, knownCommentId: number | null): Promise<GitHubResult<{ commentId: number }>> {
    const where = { owner: pr.owner, repo: pr.repo };
    try {
      const commentId = knownCommentId ?? (await this.findMarked(pr));
      if (commentId) {
        try {
          await this.octokit.rest.issues.updateComment({ ...where, comment_id: commentId, body });
          return { ok: true, commentId };
        } catch (e) {
          // Someone deleted our comment: post a new one rather than give up.
          if (statusOf(e) !== 404 || knownCommentId === null) throw e;
          const found = await this.findMarked(pr);
          if (found) return this.upsertPullRequestComment(pr, body, found);
        }
      }
      const { data } = await this.octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body });
      return { ok: true, commentId: await this.keepOldest(pr, data.id) };
    } catch (e) {
      const status = statusOf(e);
      if (status !== null && REFUSED.has(status)) return { ok: false, skipped: false, status, message: messageOf(e) };
      throw e;
    }
  }

  createIssue(repo: string, issue: { title: string; body: string }): Promise<GitHubResult<{ number: number; url: string }>> {
    const [owner, name] = repo.split("/");
    return this.refusable(async () => {
      const { data } = await this.octokit.rest.issues.create({ owner, repo: name, title: issue.title, body: issue.body });
      return { number: data.number, url: data.html_url };
    });
  }

  /** One page of the list route (not search: its index lags, and a retry comes seconds after the issue was opened). */
  recentOwnIssues(repo: string, since: string): Promise<GitHubResult<{ issues: OwnIssue[] }>> {
    const [owner, name] = repo.split("/");
    return this.refusable(async () => {
      const creator = await this.whoAmI();
      const { data } = await this.octokit.rest.issues.listForRepo({
        owner, repo: name, state: "all", since, sort: "created", direction: "desc", per_page: 100, ...(creator ? { creator } : {}),
      });
      return { issues: data.filter((i) => !i.pull_request).map((i) => ({ number: i.number, url: i.html_url, title: i.title, body: i.body ?? "" })) };
    });
  }

  editIssue(issue: IssueRef, text: { title: string; body: string }): Promise<GitHubResult> {
    return this.refusable(async () => {
      await this.octokit.rest.issues.update({ owner: issue.owner, repo: issue.repo, issue_number: issue.number, title: text.title, body: text.body });
      return {};
    });
  }

  setIssueState(issue: IssueRef, state: { open: true } | { open: false; reason: "completed" | "not_planned" }): Promise<GitHubResult> {
    return this.refusable(async () => {
      await this.octokit.rest.issues.update({
        owner: issue.owner, repo: issue.repo, issue_number: issue.number, ...(state.open ? { state: "open" } : { state: "closed", state_reason: state.reason }),
      });
      return {};
    });
  }

  setBlockedBy(issue: IssueRef, blocker: IssueRef, blocked: boolean): Promise<GitHubResult> {
    return this.refusable(async () => {
      const where = { owner: issue.owner, repo: issue.repo, issue_number: issue.number };
      const issue_id = await this.idOf(blocker);
      if (blocked) await this.octokit.rest.issues.addBlockedByDependency({ ...where, issue_id });
      else await gone(() => this.octokit.rest.issues.removeDependencyBlockedBy({ ...where, issue_id }));
      return {};
    });
  }

  setSubIssue(parent: IssueRef, sub: IssueRef, attached: boolean): Promise<GitHubResult> {
    return this.refusable(async () => {
      const where = { owner: parent.owner, repo: parent.repo, issue_number: parent.number };
      const sub_issue_id = await this.idOf(sub);
      // A sub-issue has one parent: moving it under this one detaches it from the last.
      if (attached) await this.octokit.rest.issues.addSubIssue({ ...where, sub_issue_id, replace_parent: true });
      else await gone(() => this.octokit.rest.issues.removeSubIssue({ ...where, sub_issue_id }));
      return {};
    });
  }

  createIssueComment(issue: IssueRef, body: string): Promise<GitHubResult<{ commentId: number }>> {
    return this.refusable(async () => {
      const { data } = await this.octokit.rest.issues.createComment({ owner: issue.owner, repo: issue.repo, issue_number: issue.number, body });
      return { commentId: data.id };
    });
  }

  /** The dependency and sub-issue routes take an issue's id, not its number: GET the issue for it. */
  private async idOf(issue: IssueRef): Promise<number> {
    const { data } = await this.octokit.rest.issues.get({ owner: issue.owner, repo: issue.repo, issue_number: issue.number });
    return data.id;
  }

  /** A refusal is the answer (a failure, not retried); anything else throws so the engine retries. */
  private async refusable<T extends object>(call: () => Promise<T>): Promise<GitHubResult<T>> {
    try {
      return { ok: true, ...(await call()) };
    } catch (e) {
      const status = statusOf(e);
      if (status !== null && REFUSED.has(status)) return { ok: false, skipped: false, status, message: messageOf(e) };
      throw e;
    }
  }

  private async findMarked(pr: PullRequestRef): Promise<number | null> {
    return (await this.allMarked(pr))[0] ?? null;
  }

  /** Ids of the hub's own marked comments on the PR (its marker and its author: anyone can paste a marker), oldest first. */
  private async allMarked(pr: PullRequestRef): Promise<number[]> {
    const me = await this.whoAmI();
    if (!me) return [];
    const ids: number[] = [];
    let page = 0;
    for await (const { data } of this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, {
      owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100,
    })) {
      ids.push(...data.filter((c) => c.user?.login === me && c.body?.startsWith(COMMENT_MARKER)).map((c) => c.id));
      if (++page >= MAX_PAGES) break;
    }
    return ids.sort((a, b) => a - b);
  }

  /**
   * Two runs for one PR (opened and review_requested arrive together) can both find no comment and
   * both post. After posting, every run keeps the oldest marked comment and deletes the rest, so
   * racing runs converge on one comment.
   */
  private async keepOldest(pr: PullRequestRef, created: number): Promise<number> {
    const ids = await this.allMarked(pr);
    if (ids.length <= 1) return created;
    for (const id of ids.slice(1)) {
      try {
        await this.octokit.rest.issues.deleteComment({ owner: pr.owner, repo: pr.repo, comment_id: id });
      } catch (e) {
        if (statusOf(e) !== 404) throw e; // the other run deleted it first
      }
    }
    return ids[0];
  }
}

/** Removing what is already gone is done: the other side (or a retry) removed it first. */
async function gone(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
  }
}

const statusOf = (e: unknown): number | null => (typeof (e as { status?: unknown })?.status === "number" ? (e as { status: number }).status : null);

/** Octokit's messages name the URL and GitHub's reason, never the token; capped all the same. */
const messageOf = (e: unknown) => String((e as Error)?.message ?? e).slice(0, 300);
