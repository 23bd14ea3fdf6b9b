// Every workflow the hub runs; both engines read this list.

import { chaseDependencies } from "./chase-dependencies";
import { chaseStaleBlockers } from "./chase-stale-blockers";
import { deadlineAlerts, deadlineSweep } from "./deadline-alerts";
import type { Workflow } from "./define";
import { digests } from "./digests";
import { extractTasks } from "./extract-tasks";
import { linkCommits } from "./link-commits";
import { reEmitDeliveries } from "./re-emit-deliveries";
import { refreshPullRequestComments } from "./refresh-pull-request-comments";
import { issueCommentCommands } from "./issue-comment-commands";
import { syncIssues } from "./sync-issues";
import { syncPullRequest } from "./sync-pull-request";

export const workflows: readonly Workflow[] = [extractTasks, linkCommits, syncPullRequest, syncIssues, refreshPullRequestComments, issueCommentCommands, deadlineAlerts, deadlineSweep, chaseDependencies, chaseStaleBlockers, digests, reEmitDeliveries];

export const workflowById = (id: string) => workflows.find((w) => w.id === id);
