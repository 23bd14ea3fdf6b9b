// The GitHub adapter used when no GITHUB_TOKEN is set: every call is skipped, and says so.

import type { GitHub, GitHubFailure } from "../ports/github";

export class DisabledGitHub implements GitHub {
  readonly name = "disabled" as const;
  async upsertPullRequestComment(): Promise<GitHubFailure> {
    return { ok: false, skipped: true, status: null, message: "GITHUB_TOKEN is not set; comment skipped" };
  }
}
