// What a pull request event writes in a linked task's activity: news of a new link or of a change of the PR's state, not of every push.

import type { ActivityAction } from "./activity";
import type { PullRequestState } from "./pull-requests";

export interface PullRequestLinkNews {
  action: Extract<ActivityAction, "linked" | `pull_request_${PullRequestState}`>;
  data: Record<string, unknown>;
}

/** `link`: the task's link to this PR before the event (null when new); null back when the event changes nothing worth telling. */
export function pullRequestLinkNews(
  link: { state: string | null; closes: boolean } | null,
  now: { ref: string; url: string; state: PullRequestState; closes: boolean; intoDefaultBranch: boolean; base: string },
): PullRequestLinkNews | null {
  if (link && link.state === now.state && link.closes === now.closes) return null;
  return {
    action: link ? `pull_request_${now.state}` : "linked",
    data: {
      kind: "pull_request", ref: now.ref, url: now.url, state: now.state, closes: now.closes,
      // A merge into another branch says where it went: it does not complete the task.
      ...(now.state === "merged" && !now.intoDefaultBranch ? { base: now.base } : {}),
    },
  };
}
