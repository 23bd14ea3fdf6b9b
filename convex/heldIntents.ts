// Held intents (schema heldIntents, D1's held_intents): session intents waiting for the task they name (src/domain/held-intents.ts).

import { v } from "convex/values";
import { hubMutation } from "./lib/hub";
import { taskByExternalKey } from "./model/tasks";
import { vTaskIntent } from "./validators";
import { byDoorOrder, type HeldIntent } from "../src/domain/held-intents";
import type { Doc } from "./_generated/dataModel";

const vHeld = v.object({ id: v.string(), projectId: v.string(), sessionId: v.string(), externalKey: v.string(), doorAt: v.string(), seq: v.number(), intent: vTaskIntent });

const toHeld = ({ heldId, projectId, sessionId, externalKey, doorAt, seq, intent }: Doc<"heldIntents">): HeldIntent => ({ id: heldId, projectId, sessionId, externalKey, doorAt, seq, intent });

export const holdIntents = hubMutation({
  args: { sessionId: v.string(), held: v.array(vHeld), perSession: v.number() },
  returns: v.object({ discarded: v.number() }),
  handler: async (ctx, { sessionId, held, perSession }) => {
    // Reads at most perSession rows: a session at its cap costs no more than one under it.
    const before = (await ctx.db.query("heldIntents").withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId)).take(perSession)).length;
    const room = Math.max(0, perSession - before);
    for (const h of held.slice(0, room)) {
      if (await ctx.db.query("heldIntents").withIndex("by_heldId", (q) => q.eq("heldId", h.id)).first()) continue;
      const { id, ...rest } = h;
      await ctx.db.insert("heldIntents", { heldId: id, ...rest, sessionId });
    }
    return { discarded: held.length - Math.min(room, held.length) };
  },
});

export const releaseHeldIntents = hubMutation({
  args: { projectId: v.string(), keys: v.array(v.string()) },
  returns: v.array(vHeld),
  handler: async (ctx, { projectId, keys }) => {
    const out: HeldIntent[] = [];
    for (const externalKey of new Set(keys)) {
      const task = await taskByExternalKey(ctx, externalKey);
      // Only a task of the project the intents were held in: another project's session never reaches it.
      if (!task || task.projectId !== projectId) continue;
      const held = await ctx.db.query("heldIntents").withIndex("by_projectId_externalKey", (q) => q.eq("projectId", projectId).eq("externalKey", externalKey)).collect();
      for (const h of held) {
        await ctx.db.delete(h._id);
        out.push(toHeld(h));
      }
    }
    return byDoorOrder(out);
  },
});

export const pruneHeldIntents = hubMutation({
  args: { before: v.string(), limit: v.number() },
  returns: v.number(),
  handler: async (ctx, { before, limit }) => {
    const old = await ctx.db.query("heldIntents").withIndex("by_doorAt", (q) => q.lt("doorAt", before)).take(limit);
    for (const h of old) await ctx.db.delete(h._id);
    return old.length;
  },
});
