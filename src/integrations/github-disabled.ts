// The GitHub adapter used when no GITHUB_TOKEN is set: every call is skipped, and says so.

import type { GitHub, GitHubFailure } from "../ports/github";

export class DisabledGitHub implements GitHub {
  readonly name = "disabled" as const;
  async upsertPullRequestComment(): Promise<GitHubFailure> {
    return skipped("comment");
  }
  async createIssue(): Promise<GitHubFailure> {
    return skipped("issue");
  }
  async recentOwnIssues(): Promise<GitHubFailure> {
    return skipped("issue search");
  }
  async editIssue(): Promise<GitHubFailure> {
    return skipped("issue edit");
  }
  async setIssueState(): Promise<GitHubFailure> {
    return skipped("issue state");
  }
  async setBlockedBy(): Promise<GitHubFailure> {
    return skipped("issue dependency");
  }
  async setSubIssue(): Promise<GitHubFailure> {
    return skipped("sub-issue");
  }
  async createIssueComment(): Promise<GitHubFailure> {
    return skipped("issue comment");
  }
  /** Without a token the hub writes nothing on GitHub, so no comment there is its own. */
  async whoAmI(): Promise<null> {
    return null;
  }
}

const skipped = (what: string): GitHubFailure => ({ ok: false, skipped: true, status: null, message: `GITHUB_TOKEN is not set; ${what} skipped` });
