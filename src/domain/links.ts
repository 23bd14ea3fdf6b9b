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
