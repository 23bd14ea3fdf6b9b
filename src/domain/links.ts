// What a task is linked to: commits, pull requests, issues and sessions.

export const LINK_KINDS = ["commit", "pull_request", "issue", "session"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface Link {
  kind: LinkKind;
  ref: string;
  url: string | null;
  state: string | null;
  title: string | null;
  createdAt: string;
}

/** A pull request's life as the hub follows it; declared with links (its link's state) so activity can name it too. */
export const PULL_REQUEST_STATES = ["draft", "open", "review", "merged", "closed"] as const;
export type PullRequestState = (typeof PULL_REQUEST_STATES)[number];
