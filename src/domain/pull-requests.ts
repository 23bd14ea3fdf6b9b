// What a pull request event does to the tasks it links, following Linear's defaults.

import type { CompactPullRequest } from "./github-events";
import { issueIdsIn, taskKeyResolver } from "./issue-refs";
import { parseBranchName, parseText, type RefOptions } from "./refs";
import { isDone, isForwardMove, type TaskStatus } from "./tasks";

import type { PullRequestState } from "./links";
export { PULL_REQUEST_STATES, type PullRequestState } from "./links";

/** A PR under review stays under review when more commits arrive; only a draft or a close leaves it. */
export function nextPullRequestState(prev: PullRequestState | null, pr: Pick<CompactPullRequest, "action" | "open" | "merged" | "draft">): PullRequestState {
  if (pr.merged) return "merged";
  if (!pr.open) return "closed";
  if (pr.draft) return "draft";
  if (pr.action === "ready_for_review" || pr.action === "review_requested") return "review";
  return prev === "review" ? "review" : "open";
}

/** Non-closing words make a title only link what it names. */
const TITLE_LINKS_ONLY = /\b(?:ref|refs|references|part of|related to|contributes to|towards?)\b/i;

export interface PullRequestLink {
  taskKey: string;
  closes: boolean;
}

/** The parsed text of a PR, read once: the intents, and the issue ids to resolve among mirrored issues. */
export function readPullRequest(pr: Pick<CompactPullRequest, "title" | "body" | "head" | "repo">, opts: RefOptions) {
  const title = parseText(pr.title, opts);
  const body = parseText(pr.body, opts);
  const branch = parseBranchName(pr.head, opts);
  return { title, body, branch, titleLinksOnly: TITLE_LINKS_ONLY.test(pr.title), issueIds: issueIdsIn([title, body], pr.repo) };
}

export type PullRequestText = ReturnType<typeof readPullRequest>;

/**
 * Which tasks a PR links and whether merging it completes them. As in Linear, a key in the branch
 * name or the title closes on merge (unless the title says "refs"); in the body, closing words close
 * and other mentions only link.
 */
export function pullRequestLinks(
  read: Pick<PullRequestText, "title" | "body" | "branch" | "titleLinksOnly">,
  repo: string,
  mirrored: Record<string, string>,
): PullRequestLink[] {
  const keyOf = taskKeyResolver(repo, mirrored);
  const links = new Map<string, boolean>();
  const add = (key: string | null, closes: boolean) => key && links.set(key, (links.get(key) ?? false) || closes);
  for (const key of read.branch) add(key, true);
  for (const ref of read.title.closes) add(keyOf(ref), true);
  for (const ref of read.title.links) add(keyOf(ref), !read.titleLinksOnly);
  for (const ref of read.body.closes) add(keyOf(ref), true);
  for (const ref of read.body.links) add(keyOf(ref), false);
  return [...links].map(([taskKey, closes]) => ({ taskKey, closes }));
}

/**
 * Where a PR event moves one linked task: open or draft → in_progress, review → review, merged into
 * the default branch → completed if this PR closes it and no other closing PR of it is still open.
 * A PR closed unmerged moves nothing. Moves only go forward and never reopen finished work.
 */
export function pullRequestTarget(
  status: TaskStatus,
  pr: { state: PullRequestState; intoDefaultBranch: boolean },
  link: { closes: boolean; otherOpenClosingPullRequests: number },
): TaskStatus | null {
  if (isDone(status)) return null;
  let to: TaskStatus | null = null;
  if (pr.state === "draft" || pr.state === "open") to = "in_progress";
  else if (pr.state === "review") to = "review";
  else if (pr.state === "merged" && pr.intoDefaultBranch && link.closes && link.otherOpenClosingPullRequests === 0) to = "completed";
  return to && isForwardMove(status, to) ? to : null;
}

export const OPEN_PULL_REQUEST_STATES: readonly PullRequestState[] = ["draft", "open", "review"];
