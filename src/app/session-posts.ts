// A Claude Code post (transcript slice or hook) applied to its session's project: one use case for the ingress consumer and the extract-tasks workflow.

import type { ClaudeDeliveryPayload } from "../domain/deliveries";
import { scopeIntents } from "../domain/trackers/keys";
import type { Store, TaskChange } from "../ports/store";

/** The post's intents applied to the project its cwd belongs to (the inbox when none claims it). */
export async function applySessionPost(store: Pick<Store, "projectForCwd" | "applyIntents">, payload: string, at: string): Promise<TaskChange[]> {
  const p = JSON.parse(payload) as ClaudeDeliveryPayload;
  const project = await store.projectForCwd(p.cwd, at);
  return store.applyIntents({ sessionId: p.sessionId, projectId: project.id, cwd: p.cwd, gitBranch: p.gitBranch, intents: scopeIntents(project.id, p.intents) }, at);
}
