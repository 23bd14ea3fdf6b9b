// The activity log's vocabulary: who acts, which actions a row may record (declared once for both stores), and a row.

import { PULL_REQUEST_STATES } from "./links";

export type Actor = string; // "user:<id>", "token:<id>", "admin", "claude:<session>", "github:<login>", "system"

/** A PR's link news on a task: `pull_request_<state>` once the link exists (domain/pull-request-activity.ts). */
const PULL_REQUEST_ACTIONS = PULL_REQUEST_STATES.map((s) => `pull_request_${s}` as const);

export const ACTIVITY_ACTIONS = [
  "created",
  "updated",
  "status_changed",
  "deleted",
  "commented",
  "time_logged",
  "linked",
  "commit_closed",
  ...PULL_REQUEST_ACTIONS,
  "dependency_added",
  "dependency_removed",
  "unblocked",
  "member_set",
  "member_removed",
  "github_call_skipped",
  "github_call_failed",
  "imported",
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

export interface Activity {
  id: number;
  at: string;
  actor: Actor;
  action: ActivityAction;
  taskId: string | null;
  taskKey: string | null;
  projectId: string | null;
  data: Record<string, unknown>;
}

/** What a store writes for one activity row; the id (the feed's cursor) and the task key are the store's. */
export interface ActivityRow {
  at: string;
  actor: Actor;
  action: ActivityAction;
  taskId: string | null;
  projectId: string | null;
  data: Record<string, unknown>;
}
