// Run traces: each workflow run and its steps, as the traced Step recorded them (src/ports/store/run-traces.ts).

import { v } from "convex/values";
import { MAX_TRACED_STEPS } from "../src/domain/run-traces";
import type { Doc } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { hubMutation, hubQuery } from "./lib/hub";

const nullable = v.nullable;
const vStatus = v.union(v.literal("running"), v.literal("complete"), v.literal("errored"), v.literal("terminated"));
const vKind = v.union(v.literal("run"), v.literal("sleep"), v.literal("send"));
const vRun = {
  workflow: v.string(), eventId: v.string(), deliveryId: nullable(v.string()), engine: v.string(), input: v.string(), startedAt: v.string(),
  endedAt: nullable(v.string()), status: vStatus, attempts: v.number(), error: nullable(v.string()),
};
const vStep = {
  name: v.string(), kind: vKind, startedAt: v.string(), endedAt: nullable(v.string()), attempts: v.number(), error: nullable(v.string()),
  input: nullable(v.string()), output: nullable(v.string()),
};

const toRun = (d: Doc<"runTraces">) => ({
  workflow: d.workflow, eventId: d.eventId, deliveryId: d.deliveryId, engine: d.engine, input: d.input, startedAt: d.startedAt, endedAt: d.endedAt,
  status: d.status, attempts: d.attempts, error: d.error,
});
const toStep = (d: Doc<"runSteps">) => ({
  name: d.name, kind: d.kind, startedAt: d.startedAt, endedAt: d.endedAt, attempts: d.attempts, error: d.error, input: d.input, output: d.output,
});

const runOf = (ctx: QueryCtx, workflow: string, eventId: string) =>
  ctx.db.query("runTraces").withIndex("by_workflow_eventId", (q) => q.eq("workflow", workflow).eq("eventId", eventId)).first();
const stepOf = (ctx: QueryCtx, workflow: string, eventId: string, name: string) =>
  ctx.db.query("runSteps").withIndex("by_run_name", (q) => q.eq("workflow", workflow).eq("eventId", eventId).eq("name", name)).first();

export const traceRunStarted = hubMutation({
  args: { r: v.object({ workflow: v.string(), eventId: v.string(), deliveryId: nullable(v.string()), engine: v.string(), input: v.string(), at: v.string() }) },
  returns: v.null(),
  handler: async (ctx, { r }) => {
    const d = await runOf(ctx, r.workflow, r.eventId);
    if (!d) {
      const { at, ...rest } = r;
      await ctx.db.insert("runTraces", { ...rest, startedAt: at, endedAt: null, status: "running", attempts: 1, error: null });
    } else if (d.status !== "running") {
      await ctx.db.patch(d._id, { status: "running", attempts: d.attempts + 1, startedAt: r.at, endedAt: null, error: null });
    }
    return null;
  },
});

export const traceRunEnded = hubMutation({
  args: { r: v.object({ workflow: v.string(), eventId: v.string(), status: v.union(v.literal("complete"), v.literal("errored"), v.literal("terminated")), error: nullable(v.string()), at: v.string() }) },
  returns: v.null(),
  handler: async (ctx, { r }) => {
    const d = await runOf(ctx, r.workflow, r.eventId);
    if (d) await ctx.db.patch(d._id, { status: r.status, error: r.error, endedAt: r.at });
    return null;
  },
});

export const traceStepStarted = hubMutation({
  args: {
    r: v.object({ workflow: v.string(), eventId: v.string(), name: v.string(), kind: vKind, input: nullable(v.string()), at: v.string(), endedAt: v.optional(v.string()) }),
  },
  returns: v.null(),
  handler: async (ctx, { r }) => {
    const d = await stepOf(ctx, r.workflow, r.eventId, r.name);
    if (d) {
      if (r.kind === "run") await ctx.db.patch(d._id, { attempts: d.attempts + 1, endedAt: null });
      return null;
    }
    const taken = await ctx.db.query("runSteps").withIndex("by_run_seq", (q) => q.eq("workflow", r.workflow).eq("eventId", r.eventId)).take(MAX_TRACED_STEPS);
    if (taken.length >= MAX_TRACED_STEPS) return null;
    await ctx.db.insert("runSteps", {
      workflow: r.workflow, eventId: r.eventId, name: r.name, seq: taken.length, kind: r.kind, startedAt: r.at, endedAt: r.endedAt ?? null, attempts: 1,
      error: null, input: r.input, output: null,
    });
    return null;
  },
});

export const traceStepEnded = hubMutation({
  args: { r: v.object({ workflow: v.string(), eventId: v.string(), name: v.string(), output: nullable(v.string()), error: nullable(v.string()), at: v.string() }) },
  returns: v.null(),
  handler: async (ctx, { r }) => {
    const d = await stepOf(ctx, r.workflow, r.eventId, r.name);
    if (d) await ctx.db.patch(d._id, { endedAt: r.at, output: r.output, error: r.error });
    return null;
  },
});

export const getRunTrace = hubQuery({
  args: { r: v.object({ workflow: v.string(), eventId: v.string() }) },
  returns: nullable(v.object({ run: v.object(vRun), steps: v.array(v.object(vStep)) })),
  handler: async (ctx, { r }) => {
    const d = await runOf(ctx, r.workflow, r.eventId);
    if (!d) return null;
    const steps = await ctx.db.query("runSteps").withIndex("by_run_seq", (q) => q.eq("workflow", r.workflow).eq("eventId", r.eventId)).take(MAX_TRACED_STEPS);
    return { run: toRun(d), steps: steps.map(toStep) };
  },
});

export const tracedRuns = hubQuery({
  args: { deliveryIds: v.array(v.string()) },
  returns: v.array(v.object(vRun)),
  handler: async (ctx, { deliveryIds }) => {
    const runs = await Promise.all(
      deliveryIds.slice(0, 200).map((id) => ctx.db.query("runTraces").withIndex("by_deliveryId_startedAt", (q) => q.eq("deliveryId", id)).take(50)),
    );
    return runs.flat().map(toRun).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  },
});

export const pruneRunTraces = hubMutation({
  args: { before: v.string(), limit: v.number() },
  returns: v.number(),
  handler: async (ctx, { before, limit }) => {
    const old = await ctx.db.query("runTraces").withIndex("by_startedAt", (q) => q.lt("startedAt", before)).take(limit);
    for (const d of old) {
      const steps = await ctx.db.query("runSteps").withIndex("by_run_seq", (q) => q.eq("workflow", d.workflow).eq("eventId", d.eventId)).take(MAX_TRACED_STEPS);
      for (const s of steps) await ctx.db.delete(s._id);
      await ctx.db.delete(d._id);
    }
    return old.length;
  },
});
