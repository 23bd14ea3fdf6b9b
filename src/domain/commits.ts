// What one commit does to the tasks it names: link, comment, log time, and move (close only on the default branch).

import type { Actor } from "./activity";
import type { Intent, Ref } from "./refs";
import { capText, isDone, isForwardMove, type TaskStatus } from "./tasks";
import { withinProjects } from "./repo-scope";

/** One commit naming one task, as a store applies it. */
export interface CommitRef {
  /** Unique per commit and task: the same commit seen again is not applied twice. */
  sha: string;
  url: string;
  message: string;
  repo: string;
  taskKey: string;
  /** The projects claiming `repo`: a task outside them is not touched, whatever the message says. */
  projectIds: string[];
  close: boolean; // closing words and the commit is on the default branch
  start: boolean; // mentioned off the default branch: todo → in_progress
  /** Jira #review: forward to review. The move itself is commitTarget below. */
  review?: boolean;
  /** Jira #comment texts and #time minutes; applied once per commit and task, however often it is seen. */
  comments?: string[];
  minutes?: number;
  actor: Actor;
  at: string;
}

export interface CommitEffect {
  taskKey: string;
  /** closing words or #done, and the commit is on the default branch */
  close: boolean;
  /** #start, or any mention that does not close here: todo → in_progress */
  start: boolean;
  /** #review */
  review: boolean;
  comments: string[];
  minutes: number;
}

/** Comments from commit messages are untrusted text; each is capped before it is stored. */
export const COMMIT_COMMENT_MAX = 4_000;

/**
 * Closing words (and Jira's #done) complete a task only once the commit is on the default
 * branch; anywhere else, and for mere mentions, the task is linked and started. `taskKeyOf`
 * turns an issue reference into the key of the task that mirrors it, if any.
 */
export function commitEffects(intent: Intent, onDefaultBranch: boolean, taskKeyOf: (ref: Ref) => string | null = taskKeyOfTaskRef): CommitEffect[] {
  const effects = new Map<string, CommitEffect>();
  const get = (taskKey: string) => {
    let e = effects.get(taskKey);
    if (!e) effects.set(taskKey, (e = { taskKey, close: false, start: false, review: false, comments: [], minutes: 0 }));
    return e;
  };
  const mention = (taskKey: string, closing: boolean) => {
    const e = get(taskKey);
    if (closing && onDefaultBranch) e.close = true;
    else e.start = true;
  };
  for (const ref of intent.closes) {
    const key = taskKeyOf(ref);
    if (key) mention(key, true);
  }
  for (const ref of intent.links) {
    const key = taskKeyOf(ref);
    if (key) mention(key, false);
  }
  for (const cmd of intent.commands) {
    if (cmd.type === "comment") get(cmd.key).comments.push(cmd.text.slice(0, COMMIT_COMMENT_MAX));
    else if (cmd.type === "time") get(cmd.key).minutes += cmd.minutes;
    else if (cmd.to === "completed") mention(cmd.key, true);
    else if (cmd.to === "review") get(cmd.key).review = true;
    else get(cmd.key).start = true;
  }
  for (const e of effects.values()) if (e.close) (e.start = false), (e.review = false);
  return [...effects.values()];
}

const taskKeyOfTaskRef = (ref: Ref) => (ref.kind === "task" ? ref.key : null);

/** Where a commit moves a task: commits only move work forward, and never reopen finished work. */
export function commitTarget(status: TaskStatus, effect: { close: boolean; start: boolean; review?: boolean }): TaskStatus | null {
  if (isDone(status)) return null;
  const to: TaskStatus | null = effect.close ? "completed" : effect.review ? "review" : effect.start ? "in_progress" : null;
  return to && isForwardMove(status, to) ? to : null;
}

export const isDefaultBranchRef = (ref: string, defaultBranch: string) => ref === `refs/heads/${defaultBranch}`;

/** What applying one commit to one task writes; each store only executes it (store-d1/model/commits.ts, convex/model/commits.ts). */
export interface CommitPlan {
  /** The task's new status (its edit's activity carries `{ commit: sha }`), or null when the commit moves nothing. */
  status: TaskStatus | null;
  /** The task's link to the commit: inserted on the first sighting, its state updated after. */
  link: { insert: boolean; state: "closed" | "linked"; title: string };
  /** The activity row the link writes. */
  activity: { action: "linked" | "commit_closed"; data: Record<string, unknown> };
  /** Jira #comment texts, each once by its external key; their "commented" rows take the stored comment's id first. */
  comments: { externalKey: string; body: string; data: Record<string, unknown> }[];
  /** Jira #time, once by its external key, with its "time_logged" row's data. */
  time: { externalKey: string; minutes: number; data: Record<string, unknown> } | null;
}

/**
 * `link`: the task's link to this commit before (null when unseen). Null back when there is nothing to do: "closed" on the link
 * means this commit already closed the task once, and a commit seen again that does not close changes nothing.
 */
export function planCommitRef(task: { id: string; projectId: string; status: TaskStatus }, link: { state: string | null } | null, ref: CommitRef): CommitPlan | null {
  if (!withinProjects(task, ref.projectIds)) return null;
  if (link?.state === "closed" || (link && !ref.close)) return null;
  const state = ref.close ? "closed" : "linked";
  // Smart-commit records come with the first sighting of the link; their external keys keep them single.
  const first = !link;
  const minutes = first && ref.minutes && ref.minutes > 0 ? ref.minutes : 0;
  return {
    status: commitTarget(task.status, ref),
    link: { insert: first, state, title: capText(ref.message.split("\n")[0], 200) },
    activity: { action: first ? "linked" : "commit_closed", data: { kind: "commit", sha: ref.sha, url: ref.url, repo: ref.repo, state } },
    comments: (first ? (ref.comments ?? []) : []).map((body, i) => ({
      externalKey: `commit:${ref.sha}:${task.id}:comment:${i}`,
      body,
      data: { sha: ref.sha, excerpt: capText(body, 120) },
    })),
    time: minutes ? { externalKey: `commit:${ref.sha}:${task.id}:time`, minutes, data: { minutes, source: "commit", sha: ref.sha } } : null,
  };
}
