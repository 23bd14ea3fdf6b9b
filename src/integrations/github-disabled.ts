// The GitHub adapter used when no GITHUB_TOKEN is set: every call is skipped, and says so.

import type { GitHub, GitHubFailure } from "../ports/github";

export class DisabledGitHub implements GitHub {
  readonly name = "disabled" as const;
  async upsertPullRequestComment(): Promise<GitHubFailure> {
    return { ok: false, skipped: true, status: null, message: "GITHUB_TOKEN is not set; comment skipped" };
  }
  /** Without a token the hub writes nothing on GitHub, so no comment there is its own. */
  async whoAmI(): Promise<null> {
    return null;
  }
}
