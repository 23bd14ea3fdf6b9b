// claude-session: what a Claude Code session posted (transcript slice or hook) becomes tasks of its project (workflow extract-tasks).

import type { ClaudeDeliveryPayload } from "../domain/deliveries";
import { scopeIntents } from "../domain/trackers/keys";
import { defineWorkflow } from "./define";
import { emitTaskEvents } from "./task-events";

export const EXTRACT_STEPS = { load: "load-delivery", apply: "apply-intents", emit: "emit-task-events", done: "mark-processed" } as const;

export const claudeSession = defineWorkflow(
  {
    id: "extract-tasks",
    on: { event: ["claude/transcript.received", "claude/hook.received"] },
    concurrencyKey: "data.sessionId",
  },
  async ({ event, step, services: { store } }) => {
    const { deliveryId } = event.data as { deliveryId: string };
    const payload = await step.run(EXTRACT_STEPS.load, async () => {
      const d = await store.getDelivery(deliveryId);
      if (!d?.payload) throw new Error(`Delivery ${deliveryId} has no payload`);
      return d.payload;
    });
    const p = JSON.parse(payload) as ClaudeDeliveryPayload;
    const changes = await step.run(EXTRACT_STEPS.apply, async () => {
      const at = new Date().toISOString();
      const project = await store.projectForCwd(p.cwd, at);
      const applied = await store.applyIntents({ sessionId: p.sessionId, projectId: project.id, cwd: p.cwd, gitBranch: p.gitBranch, intents: scopeIntents(project.id, p.intents) }, at);
      return JSON.parse(JSON.stringify(applied));
    });
    await emitTaskEvents(step, store, changes, event.ts, EXTRACT_STEPS.emit);
    await step.run(EXTRACT_STEPS.done, () => store.setDeliveryStatus(deliveryId, "processed"));
    return { tasks: changes.length };
  },
);
