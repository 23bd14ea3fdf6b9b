// What one pull request event writes, decided once for both stores: the PR's row, and per linked task its move, link and news.

import { pullRequestLinkNews, type PullRequestLinkNews } from "./pull-request-activity";
import { pullRequestTarget, type PullRequestState } from "./pull-requests";
import { capText, type TaskStatus } from "./tasks";

export interface PullRequestEvent {
  /** owner/repo#number, lower case: the ref of its task links. */
  ref: string;
  url: string;
  title: string;
  base: string;
  intoDefaultBranch: boolean;
}

/** The PR's own row after the event. */
export const pullRequestRow = (pr: PullRequestEvent, state: PullRequestState) => ({ url: pr.url, title: capText(pr.title, 300), state, base: pr.base });

export interface PullRequestTaskPlan {
  /** The task's new status (its edit's activity carries `{ pullRequest: ref }`), or null. */
  to: TaskStatus | null;
  /** The task's link to the PR, inserted or brought up to date. */
  link: { state: PullRequestState; title: string; closes: boolean };
  /** The activity row the link writes, when the event is news for the task. */
  news: PullRequestLinkNews | null;
}

/**
 * One linked task: `closes` as this and earlier events say, `link` its link to the PR before (null when new), and how many
 * other closing PRs of it are still open (merging one of several does not complete it).
 */
export function planPullRequestTask(
  pr: PullRequestEvent,
  state: PullRequestState,
  task: { status: TaskStatus; closes: boolean; link: { state: string | null; closes: boolean } | null; otherOpenClosingPullRequests: number },
): PullRequestTaskPlan {
  const { closes } = task;
  return {
    to: pullRequestTarget(task.status, { state, intoDefaultBranch: pr.intoDefaultBranch }, { closes, otherOpenClosingPullRequests: task.otherOpenClosingPullRequests }),
    link: { state, title: capText(pr.title, 200), closes },
    news: pullRequestLinkNews(task.link, { ref: pr.ref, url: pr.url, state, closes, intoDefaultBranch: pr.intoDefaultBranch, base: pr.base }),
  };
}
