// What one commit does to the tasks it names: link, start, or close (only on the default branch).

import type { Intent } from "./refs";

export interface CommitEffect {
  taskKey: string;
  close: boolean;
  start: boolean;
}

/**
 * Closing words (and Jira's #done) complete a task only once the commit is on the default
 * branch; anywhere else, and for mere mentions, the task is linked and started.
 */
export function commitEffects(intent: Intent, onDefaultBranch: boolean): CommitEffect[] {
  const effects = new Map<string, CommitEffect>();
  const add = (taskKey: string, closing: boolean) => {
    const prev = effects.get(taskKey);
    const close = (prev?.close ?? false) || (closing && onDefaultBranch);
    effects.set(taskKey, { taskKey, close, start: !close });
  };
  for (const ref of intent.closes) if (ref.kind === "task") add(ref.key, true);
  for (const ref of intent.links) if (ref.kind === "task") add(ref.key, false);
  for (const cmd of intent.commands) add(cmd.key, cmd.type === "transition" && cmd.to === "completed");
  return [...effects.values()];
}

export const isDefaultBranchRef = (ref: string, defaultBranch: string) => ref === `refs/heads/${defaultBranch}`;
