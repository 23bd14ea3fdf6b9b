// Every workflow the hub runs; both engines read this list.

import type { Workflow } from "./define";
import { extractTasks } from "./extract-tasks";
import { linkCommits } from "./link-commits";

export const workflows: readonly Workflow[] = [extractTasks, linkCommits];

export const workflowById = (id: string) => workflows.find((w) => w.id === id);
