// Claims on opening a task's GitHub issue (domain/issue-openings.ts): one per task and repository, taken atomically.

import type { IssueClaim } from "../../domain/issue-openings";

export interface IssueOpeningStore {
  /**
   * Claims opening the task's issue in `repo` for `holder` at `at`, as domain/issue-openings.ts decideIssueClaim says,
   * in one transaction: of two callers racing, one wins. Null (and nothing written) when the task is unknown or outside projectIds.
   */
  claimIssueOpening(claim: { taskKey: string; repo: string; projectIds: string[]; holder: string; at: string }): Promise<IssueClaim | null>;
  /** Records the issue GitHub opened for the claim's holder, before it is linked; false when `holder` no longer holds an open claim. */
  recordIssueOpened(opened: { taskKey: string; repo: string; holder: string; number: number; url: string }): Promise<boolean>;
}
