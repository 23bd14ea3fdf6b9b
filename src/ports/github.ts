// The GitHub port: what the hub says back on GitHub (Octokit), or a recorder when no token is set.

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export type GitHubResult = { ok: true } | { ok: false; skipped: boolean; status: number | null; message: string };

export interface GitHub {
  readonly name: "octokit" | "disabled";
  /** Creates or edits in place the one taskhub comment on a pull request. */
  upsertPullRequestComment(pr: PullRequestRef, body: string): Promise<GitHubResult>;
}
