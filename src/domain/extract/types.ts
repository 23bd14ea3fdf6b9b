// What extraction produces: task intents read out of a Claude Code transcript, ready for the Store.

import type { Priority, TaskStatus } from "../tasks";

/** Where in a session an intent was read. `chain` is "main" or the subagent's id for sidechain lines. */
export interface IntentOrigin {
  sessionId: string;
  lineUuid: string;
  at: string; // the line's ISO timestamp
  cwd: string | null;
  gitBranch: string | null;
  chain: string;
}

export interface ListItem {
  /** Idempotency key of the task this item is; stable across rewrites of the same list. */
  externalKey: string;
  title: string;
  status: TaskStatus;
  priority?: Priority;
}

export type TaskIntent =
  /** A TodoWrite call: the whole list of `chain`; open tasks of that chain missing from it are cancelled. */
  | {
      type: "list";
      origin: IntentOrigin;
      items: ListItem[];
      tags: string[];
      /** The task (externalKey) the subagent of this chain was launched for, where the transcript shows it. */
      parentExternalKey?: string;
    }
  /** One task created or changed (Task tools, prose, compaction summaries). */
  | {
      type: "upsert";
      origin: IntentOrigin;
      externalKey: string;
      source: "task-tool" | "prose" | "compaction";
      title?: string;
      description?: string;
      status?: TaskStatus;
      priority?: Priority;
      dueAt?: string;
      tags: string[];
      /** Match an open task of the session or project with the same normalised title before creating. */
      matchByTitle: boolean;
      parentExternalKey?: string;
      /**
       * A Task tool's create: it says the task's first title and description. Where the task already exists it came
       * later than an update of it (posts reach the hub in any order) or again, so it renames nothing.
       */
      creates?: true;
    }
  /** blocks / blockedBy from the Task tools. */
  | { type: "depend"; origin: IntentOrigin; externalKey: string; dependsOnExternalKey: string }
  /** Active time in the session, logged on the tasks in progress at `origin.at`. */
  | { type: "time"; origin: IntentOrigin; minutes: number };

export interface Extraction {
  intents: TaskIntent[];
  /** Every line with a uuid, for per-line idempotency and session bookkeeping. */
  lineUuids: string[];
  sessionId: string | null;
  cwd: string | null;
  gitBranch: string | null;
  badLines: number;
  lines: number;
  /** Sidechain lines without an agentId and the chain each was read into, for the slices after this one. */
  lineChains: Record<string, string>;
  /** Sidechain parents outside this slice: look them up in lineChains of earlier slices and read again. */
  unresolvedParents: string[];
}
