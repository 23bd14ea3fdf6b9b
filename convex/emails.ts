// The email log: the outbox, or what Resend was asked to send.

import { v } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { toEmail } from "./model/docs";
import { vEmailIn, vEmailRecord, type EmailRecord } from "./validators";

/** Documents read per call at most, whatever the filter. */
const MAX_SCAN = 2000;

export const recordEmail = hubMutation({
  args: { email: v.object(vEmailIn), at: v.string() },
  returns: v.union(v.literal("new"), v.literal("duplicate")),
  handler: async (ctx, { email: e, at }) => {
    const dup = await ctx.db.query("emails").withIndex("by_idempotencyKey", (q) => q.eq("idempotencyKey", e.idempotencyKey)).first();
    if (dup) return "duplicate" as const;
    await ctx.db.insert("emails", {
      ...e, toLower: e.to.toLowerCase(), userId: e.userId ?? null, taskId: e.taskId ?? null, headers: e.headers ?? {}, createdAt: at, updatedAt: at,
    });
    return "new" as const;
  },
});

export const listEmails = hubQuery({
  args: { filter: v.object({ to: v.optional(v.string()), kind: v.optional(v.string()), taskId: v.optional(v.string()) }), limit: v.number() },
  returns: v.array(vEmailRecord),
  handler: async (ctx, { filter: f, limit }) => {
    const to = f.to?.toLowerCase();
    const emails = ctx.db.query("emails");
    const newestFirst = (
      to
        ? emails.withIndex("by_toLower_createdAt", (q) => q.eq("toLower", to))
        : f.taskId
          ? emails.withIndex("by_taskId_createdAt", (q) => q.eq("taskId", f.taskId!))
          : f.kind
            ? emails.withIndex("by_kind_createdAt", (q) => q.eq("kind", f.kind as EmailRecord["kind"]))
            : emails.withIndex("by_createdAt")
    ).order("desc");
    const out: EmailRecord[] = [];
    let scanned = 0;
    for await (const e of newestFirst) {
      if (out.length >= limit || ++scanned > MAX_SCAN) break;
      if ((!f.kind || e.kind === f.kind) && (!f.taskId || e.taskId === f.taskId)) out.push(toEmail(e));
    }
    return out;
  },
});
