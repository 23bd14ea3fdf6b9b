// What /metrics reads on Convex: request minutes, and counts derived from the deliveries, emails and tasks the hub keeps.

import { v } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { bucketIndex, TOTAL_MINUTE } from "../src/domain/metrics";
import { vDeliveryStatus } from "./validators";

/**
 * Documents read per table at most: a Convex query reads a bounded amount, so past this the counts cover the newest
 * rows only and `truncated` names the table (the scrape says so in taskhub_metrics_truncated).
 */
const MAX_SCAN = 4000;

const vRequestSample = { minute: v.string(), route: v.string(), method: v.string(), status: v.number(), bucket: v.number(), seconds: v.number(), count: v.optional(v.number()) };

export const countRequest = hubMutation({
  args: { r: v.object(vRequestSample) },
  returns: v.null(),
  handler: async (ctx, { r }) => {
    const row = await ctx.db
      .query("requestMinutes")
      .withIndex("by_key", (q) => q.eq("minute", r.minute).eq("route", r.route).eq("method", r.method).eq("status", r.status).eq("bucket", r.bucket))
      .first();
    const count = r.count ?? 1;
    if (row) await ctx.db.patch(row._id, { count: row.count + count, seconds: row.seconds + r.seconds });
    else await ctx.db.insert("requestMinutes", { ...r, count });
    return null;
  },
});

/** Minute rows folded per mutation, well under Convex's per-mutation write limit. */
const ROLL_UP_ROWS = 2000;

export const rollUpRequests = hubMutation({
  args: { before: v.string() },
  returns: v.boolean(),
  handler: async (ctx, { before }) => {
    const old = await ctx.db.query("requestMinutes").withIndex("by_key", (q) => q.lt("minute", before)).take(ROLL_UP_ROWS + 1);
    for (const r of old.slice(0, ROLL_UP_ROWS)) {
      const total = await ctx.db
        .query("requestMinutes")
        .withIndex("by_key", (q) => q.eq("minute", TOTAL_MINUTE).eq("route", r.route).eq("method", r.method).eq("status", r.status).eq("bucket", r.bucket))
        .first();
      if (total) await ctx.db.patch(total._id, { count: total.count + r.count, seconds: total.seconds + r.seconds });
      else await ctx.db.insert("requestMinutes", { minute: TOTAL_MINUTE, route: r.route, method: r.method, status: r.status, bucket: r.bucket, count: r.count, seconds: r.seconds });
      await ctx.db.delete(r._id);
    }
    return old.length > ROLL_UP_ROWS;
  },
});

const vCount = v.object({ route: v.string(), method: v.string(), status: v.number(), bucket: v.number(), count: v.number(), seconds: v.number() });

export const requestCounts = hubQuery({
  args: {},
  returns: v.array(vCount),
  handler: async (ctx) => {
    const sums = new Map<string, { route: string; method: string; status: number; bucket: number; count: number; seconds: number }>();
    for await (const r of ctx.db.query("requestMinutes")) {
      const k = JSON.stringify([r.route, r.method, r.status, r.bucket]);
      const s = sums.get(k) ?? { route: r.route, method: r.method, status: r.status, bucket: r.bucket, count: 0, seconds: 0 };
      s.count += r.count;
      s.seconds += r.seconds;
      sums.set(k, s);
    }
    return [...sums.values()].sort((a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method) || a.status - b.status || a.bucket - b.bucket);
  },
});

/** Counts per key, in key order. */
function tally<T extends Record<string, string | number>>(rows: Map<string, T & { count: number }>, key: T, add: Partial<Record<string, number>> = {}) {
  const k = JSON.stringify(key);
  const row = rows.get(k) ?? ({ ...key, count: 0, ...Object.fromEntries(Object.keys(add).map((a) => [a, 0])) } as T & { count: number });
  row.count += 1;
  for (const [a, n] of Object.entries(add)) (row as Record<string, number>)[a] += n ?? 0;
  rows.set(k, row);
}

export const storeCounts = hubQuery({
  args: { runBounds: v.array(v.number()) },
  returns: v.object({
    deliveries: v.array(v.object({ source: v.string(), status: vDeliveryStatus, count: v.number() })),
    runs: v.array(v.object({ source: v.string(), event: v.string(), status: vDeliveryStatus, bucket: v.number(), count: v.number(), seconds: v.number() })),
    emails: v.array(v.object({ kind: v.string(), status: v.string(), count: v.number() })),
    tasks: v.array(v.object({ projectKey: v.string(), status: v.string(), count: v.number() })),
    intents: v.array(v.object({ kind: v.string(), count: v.number() })),
    truncated: v.array(v.string()),
  }),
  handler: async (ctx, { runBounds }) => {
    const truncated: string[] = [];
    const deliveries = new Map<string, any>();
    const runs = new Map<string, any>();
    const intents = new Map<string, any>();
    let n = 0;
    for await (const d of ctx.db.query("deliveries").withIndex("by_receivedAt").order("desc")) {
      if (++n > MAX_SCAN) {
        truncated.push("deliveries");
        break;
      }
      tally(deliveries, { source: d.source, status: d.status });
      if (d.status === "processed" || d.status === "failed") {
        const seconds = Math.max(0, (Date.parse(d.updatedAt) - Date.parse(d.receivedAt)) / 1000);
        tally(runs, { source: d.source, event: d.event, status: d.status, bucket: bucketIndex(runBounds, seconds) }, { seconds });
      }
      if ((d.source === "transcript" || d.source === "hook") && d.payload) {
        let carried: unknown;
        try {
          carried = (JSON.parse(d.payload) as { intents?: unknown }).intents;
        } catch {
          carried = null;
        }
        if (Array.isArray(carried)) for (const i of carried) if (i && typeof i.type === "string") tally(intents, { kind: i.type });
      }
    }
    const emails = new Map<string, any>();
    n = 0;
    for await (const e of ctx.db.query("emails").withIndex("by_createdAt").order("desc")) {
      if (++n > MAX_SCAN) {
        truncated.push("emails");
        break;
      }
      tally(emails, { kind: e.kind, status: e.status });
    }
    const tasks = new Map<string, any>();
    n = 0;
    for await (const t of ctx.db.query("tasks")) {
      if (++n > MAX_SCAN) {
        truncated.push("tasks");
        break;
      }
      tally(tasks, { projectKey: t.projectKey, status: t.status });
    }
    const sorted = (m: Map<string, any>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, r]) => r);
    return { deliveries: sorted(deliveries), runs: sorted(runs), emails: sorted(emails), tasks: sorted(tasks), intents: sorted(intents), truncated };
  },
});
