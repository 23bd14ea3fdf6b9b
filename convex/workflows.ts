// The workflows' domain steps: a session's intents, and a commit that names a task.

import { v } from "convex/values";
import { hubMutation } from "./lib/hub";
import { applyCommitRef as applyRef } from "./model/commits";
import { applyIntents as apply } from "./model/ingest";
import { vCommitRef, vIntentBatch, vTaskChange } from "./validators";

export const applyIntents = hubMutation({
  args: { batch: vIntentBatch, at: v.string() },
  returns: v.array(vTaskChange),
  handler: (ctx, { batch, at }) => apply(ctx, batch, at),
});

export const applyCommitRef = hubMutation({
  args: { ref: vCommitRef },
  returns: v.nullable(vTaskChange),
  handler: (ctx, { ref }) => applyRef(ctx, ref),
});
