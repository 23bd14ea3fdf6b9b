// claude-session: what a Claude Code session posted (transcript slice or hook) becomes tasks of its project (workflow extract-tasks).
// The ingress consumer applies such posts itself (app/consume-deliveries.ts); this run serves replays and posts stored at the door.

import { applySessionPost } from "../app/session-posts";
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
    const changes = await step.run(EXTRACT_STEPS.apply, async () => {
      // The event's time, as the consumer applies at the door time: an intent held for its task keeps its place.
      const applied = await applySessionPost(store, payload, event.ts);
      return JSON.parse(JSON.stringify(applied));
    });
    await emitTaskEvents(step, store, changes, event.ts, EXTRACT_STEPS.emit);
    await step.run(EXTRACT_STEPS.done, () => store.setDeliveryStatus(deliveryId, "processed"));
    return { tasks: changes.length };
  },
);
