// Which workflows each event starts: a push goes from routes/github.ts to the files named here for it. Both engines read this table.

import { claudeSession } from "./claude-session";
import { cronDeadlineSweep } from "./cron-deadline-sweep";
import { cronDigests } from "./cron-digests";
import { cronReEmitDeliveries } from "./cron-re-emit-deliveries";
import { cronRollUpRequests } from "./cron-roll-up-requests";
import { cronStaleBlockers } from "./cron-stale-blockers";
import type { Workflow } from "./define";
import type { EventName } from "./events";
import { githubIssueComment } from "./github-issue-comment";
import { githubIssueLink } from "./github-issue-link";
import { githubIssues } from "./github-issues";
import { githubPullRequest } from "./github-pull-request";
import { githubPush } from "./github-push";
import { taskChanged } from "./task-changed";
import { taskDueChanged } from "./task-due-changed";
import { taskFinished } from "./task-finished";
import { taskIssueSync } from "./task-issue-sync";

/**
 * Each file is named for what starts its workflow; the workflow ids (shown on /runs) keep their older names
 * (link-commits, sync-pull-request…) because instance ids, sleeping runs and Inngest functions are keyed by them.
 * Each workflow's own `on` narrows further (task-finished only on completion, each cron its schedule).
 */
export const workflowsByEvent = {
  "github/push.received": [githubPush],
  "github/pull_request.received": [githubPullRequest],
  "github/issues.received": [githubIssues],
  "github/issue_comment.received": [githubIssueComment],
  "github/issue_link.received": [githubIssueLink],
  "claude/transcript.received": [claudeSession],
  "claude/hook.received": [claudeSession],
  "task/status.changed": [taskFinished, taskChanged],
  "task/due.changed": [taskDueChanged, taskChanged],
  "task/issue-sync.requested": [taskIssueSync],
  "task/follow-ups.requested": [taskFinished, taskChanged, taskIssueSync],
  "cron/ticked": [cronDeadlineSweep, cronReEmitDeliveries, cronDigests, cronStaleBlockers, cronRollUpRequests],
} as const satisfies Record<EventName, readonly Workflow[]>;

export const workflows: readonly Workflow[] = [...new Set(Object.values(workflowsByEvent).flat())];

export const workflowById = (id: string) => workflows.find((w) => w.id === id);
