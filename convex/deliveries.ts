// Deliveries: each inbound delivery recorded once, its status, and the runs the launch limit counts.

import { v, type Infer } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { toDelivery } from "./model/docs";
import { vDelivery, vDeliveryStatus } from "./validators";
import type { MutationCtx, QueryCtx } from "./_generated/server";

const byDeliveryId = (ctx: QueryCtx, id: string) => ctx.db.query("deliveries").withIndex("by_deliveryId", (q) => q.eq("deliveryId", id)).unique();

const vNewDelivery = v.object({
  id: v.string(), source: v.string(), event: v.string(), payload: v.nullable(v.string()), at: v.string(),
  emit: v.optional(v.nullable(v.string())), status: v.optional(vDeliveryStatus), error: v.optional(v.nullable(v.string())),
  bodyHash: v.optional(v.nullable(v.string())),
});

/** Records a delivery unless one with its id or its body hash is stored already. */
async function recordOnce(ctx: MutationCtx, d: Infer<typeof vNewDelivery>): Promise<"new" | "duplicate"> {
  if (await byDeliveryId(ctx, d.id)) return "duplicate";
  const { bodyHash } = d;
  if (bodyHash && (await ctx.db.query("deliveries").withIndex("by_bodyHash", (q) => q.eq("bodyHash", bodyHash)).first())) return "duplicate";
  await ctx.db.insert("deliveries", {
    deliveryId: d.id, source: d.source, event: d.event, status: d.status ?? "received", error: d.error ?? null, payload: d.payload, emit: d.emit ?? null,
    bodyHash: bodyHash ?? null, receivedAt: d.at, updatedAt: d.at,
  });
  return "new";
}

export const recordDelivery = hubMutation({
  args: vNewDelivery.fields,
  returns: v.union(v.literal("new"), v.literal("duplicate")),
  handler: (ctx, d) => recordOnce(ctx, d),
});

/** The ingress queue's batch in one transaction; returns what still waits for its emit (see Store.recordDeliveries). */
export const recordDeliveries = hubMutation({
  args: { deliveries: v.array(vNewDelivery) },
  returns: v.array(v.object({ id: v.string(), emit: v.string() })),
  handler: async (ctx, { deliveries }) => {
    for (const d of deliveries) await recordOnce(ctx, d);
    const waiting: { id: string; emit: string }[] = [];
    for (const id of new Set(deliveries.map((d) => d.id))) {
      const doc = await byDeliveryId(ctx, id);
      if (doc?.status === "received" && doc.emit) waiting.push({ id, emit: doc.emit });
    }
    return waiting;
  },
});

export const getDelivery = hubQuery({
  args: { id: v.string() },
  returns: v.nullable(vDelivery),
  handler: async (ctx, { id }) => {
    const d = await byDeliveryId(ctx, id);
    return d ? toDelivery(d) : null;
  },
});

export const setDeliveryStatus = hubMutation({
  args: { id: v.union(v.string(), v.array(v.string())), status: vDeliveryStatus, error: v.nullable(v.string()) },
  returns: v.null(),
  handler: async (ctx, { id, status, error }) => {
    for (const one of typeof id === "string" ? [id] : id) {
      const d = await byDeliveryId(ctx, one);
      // A quick run can end before its emitter marks it emitted; "emitted" then must not undo "processed".
      if (d && !(status === "emitted" && d.status === "processed")) await ctx.db.patch(d._id, { status, error, updatedAt: new Date().toISOString() });
    }
    return null;
  },
});

export const listDeliveries = hubQuery({
  args: { limit: v.number() },
  returns: v.array(vDelivery),
  handler: async (ctx, { limit }) => (await ctx.db.query("deliveries").withIndex("by_receivedAt").order("desc").take(limit)).map(toDelivery),
});

export const stuckDeliveries = hubQuery({
  args: { receivedBefore: v.string(), limit: v.number() },
  returns: v.array(v.object({ id: v.string(), emit: v.string() })),
  handler: async (ctx, { receivedBefore, limit }) => {
    const docs = await ctx.db
      .query("deliveries")
      .withIndex("by_status_receivedAt", (q) => q.eq("status", "received").lt("receivedAt", receivedBefore))
      .take(limit);
    return docs.flatMap((d) => (d.emit ? [{ id: d.deliveryId, emit: d.emit }] : []));
  },
});

