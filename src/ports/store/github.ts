// GitHub links: commits and pull requests moving their tasks, mirrored issues, links asked for in comments, and the one comment per PR.

import type { Actor } from "../../domain/activity";
import type { CommitRef } from "../../domain/commits";
import type { CompactIssue } from "../../domain/github-events";
import type { PullRequestState } from "../../domain/pull-requests";
import type { Task } from "../../domain/tasks";
import type { TaskChange } from "./tasks";

/** One pull_request event, read: what it links and how it leaves the PR. */
export interface PullRequestSync {
  repo: string;
  number: number;
  url: string;
  title: string;
  base: string;
  /** The store folds this into the state it knows (domain/pull-requests.ts nextPullRequestState). */
  event: { action: string; open: boolean; merged: boolean; draft: boolean };
  intoDefaultBranch: boolean;
  links: { taskKey: string; closes: boolean }[];
  /** The projects claiming `repo`: links naming a task outside them are dropped. */
  projectIds: string[];
  actor: Actor;
  at: string;
}

export interface PullRequestOutcome {
  state: PullRequestState;
  changes: TaskChange[];
  /** Keys of every task the PR links, from this event and earlier ones. */
  linked: string[];
}

/** What the one taskhub comment on a PR lists, and the id to edit it by. */
export interface PullRequestCommentData {
  repo: string;
  number: number;
  commentId: number | null;
  tasks: Task[];
}

export type PullRequestCommentOutcome = { commentId: number } | { skipped: boolean; status: number | null; message: string };

/** A link a person asked for in a GitHub comment ("/taskhub link HUB-12"), or the issue the hub opened for a task (by "sync"). */
export interface GitHubItemLink {
  /** How the link came about, as the activity feed says it; a comment when left out. */
  by?: "comment" | "sync";
  taskKey: string;
  kind: "pull_request" | "issue";
  ref: string; // owner/repo#number, lower case
  /** The projects claiming the comment's repository: a task outside them is not linked. */
  projectIds: string[];
  url: string;
  title: string;
  actor: Actor;
  at: string;
}

export interface GitHubStore {
  /** Links a commit to its task once and moves it as domain/commits.ts planCommitRef says (nothing outside ref.projectIds). */
  applyCommitRef(ref: CommitRef): Promise<TaskChange | null>;
  /** Links a PR to the tasks it names within pr.projectIds and moves them (Linear's defaults), in one transaction. */
  applyPullRequest(pr: PullRequestSync): Promise<PullRequestOutcome>;
  /** Creates or updates the task mirroring a GitHub issue, when a project of its repository sets mirrorIssues; null when nothing changed. */
  mirrorIssue(issue: CompactIssue, actor: Actor, at: string): Promise<TaskChange | null>;
  /** Keys of the tasks of these projects mirroring or linked to these GitHub issues ("owner/repo#12", lower case), by issue id. */
  tasksForIssues(issueIds: string[], projectIds: string[]): Promise<Record<string, string>>;
  /** Links an issue or PR to a task once; false when the task is unknown, outside link.projectIds, or the link exists. */
  linkGitHubItem(link: GitHubItemLink): Promise<boolean>;
  pullRequestComment(repo: string, number: number): Promise<PullRequestCommentData | null>;
  /** Remembers the comment id, or records the failed/skipped call on each linked task's activity. */
  recordPullRequestComment(repo: string, number: number, outcome: PullRequestCommentOutcome, at: string): Promise<void>;
  /** Open pull requests linked to a task (at most 50): their comments list it. */
  openPullRequestsOf(taskId: string): Promise<{ repo: string; number: number }[]>;
}
