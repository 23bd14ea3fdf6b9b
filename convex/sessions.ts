// Claude Code sessions: transcript lines seen once, each sidechain line's chain, and a slice's intents applied (src/domain/ingest.ts plans them).

import { v } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { applyIntents as apply } from "./model/ingest";
import { sessionActor } from "../src/domain/ingest";
import { SESSION_ACTIVITY_LIMIT } from "../src/ports/store/sessions";
import { toActivity } from "./model/docs";
import { vActivity, vIntentBatch, vTaskChange, vTaskStatus } from "./validators";
import type { QueryCtx } from "./_generated/server";

const lineSeen = (ctx: QueryCtx, sessionId: string, uuid: string) =>
  ctx.db.query("transcriptLines").withIndex("by_sessionId_uuid", (q) => q.eq("sessionId", sessionId).eq("uuid", uuid)).unique();

export const seenTranscriptLines = hubQuery({
  args: { sessionId: v.string(), uuids: v.array(v.string()) },
  returns: v.array(v.string()),
  handler: async (ctx, { sessionId, uuids }) => {
    const seen = await Promise.all(uuids.map(async (u) => ((await lineSeen(ctx, sessionId, u)) ? u : null)));
    return seen.filter((u): u is string => u !== null);
  },
});

export const recordTranscriptLines = hubMutation({
  args: { sessionId: v.string(), uuids: v.array(v.string()) },
  returns: v.object({ sessionId: v.string(), newLineUuids: v.array(v.string()), duplicates: v.number() }),
  handler: async (ctx, { sessionId, uuids }) => {
    const fresh: string[] = [];
    for (const uuid of new Set(uuids)) {
      if (await lineSeen(ctx, sessionId, uuid)) continue;
      await ctx.db.insert("transcriptLines", { sessionId, uuid });
      fresh.push(uuid);
    }
    return { sessionId, newLineUuids: fresh, duplicates: uuids.length - fresh.length };
  },
});

export const lineChains = hubQuery({
  args: { sessionId: v.string(), uuids: v.array(v.string()) },
  returns: v.array(v.object({ uuid: v.string(), chain: v.string() })),
  handler: async (ctx, { sessionId, uuids }) => {
    const rows = await Promise.all(
      uuids.map((uuid) => ctx.db.query("transcriptChains").withIndex("by_sessionId_uuid", (q) => q.eq("sessionId", sessionId).eq("uuid", uuid)).unique()),
    );
    return rows.flatMap((r) => (r ? [{ uuid: r.uuid, chain: r.chain }] : []));
  },
});

export const recordLineChains = hubMutation({
  args: { sessionId: v.string(), chains: v.array(v.object({ uuid: v.string(), chain: v.string() })) },
  returns: v.null(),
  handler: async (ctx, { sessionId, chains }) => {
    for (const { uuid, chain } of chains) {
      // The first reading of a line wins: a re-post of the same line must not move it to another chain.
      const seen = await ctx.db.query("transcriptChains").withIndex("by_sessionId_uuid", (q) => q.eq("sessionId", sessionId).eq("uuid", uuid)).unique();
      if (!seen) await ctx.db.insert("transcriptChains", { sessionId, uuid, chain });
    }
    return null;
  },
});

export const claimSession = hubMutation({
  args: { sessionId: v.string(), owner: v.string(), at: v.string() },
  returns: v.string(),
  handler: async (ctx, { sessionId, owner, at }) => {
    const s = await ctx.db.query("sessions").withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId)).unique();
    if (s?.owner) return s.owner;
    if (s) await ctx.db.patch(s._id, { owner, updatedAt: at });
    else {
      await ctx.db.insert("sessions", {
        sessionId, projectId: null, userId: null, cwd: null, gitBranch: null, lastLineUuid: null, lastAt: null, activeMinutes: 0, chains: {},
        owner, createdAt: at, updatedAt: at,
      });
    }
    return owner;
  },
});

export const applyIntents = hubMutation({
  args: { batch: vIntentBatch, at: v.string() },
  returns: v.array(vTaskChange),
  handler: (ctx, { batch, at }) => apply(ctx, batch, at),
});

export const sessionSummary = hubQuery({
  args: { sessionId: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      id: v.string(), projectId: v.union(v.string(), v.null()), cwd: v.union(v.string(), v.null()), gitBranch: v.union(v.string(), v.null()),
      activeMinutes: v.number(), startedAt: v.string(), lastAt: v.union(v.string(), v.null()),
      created: v.array(v.object({ key: v.string(), title: v.string(), status: vTaskStatus })),
      activity: v.array(vActivity),
    }),
  ),
  handler: async (ctx, { sessionId }) => {
    const s = await ctx.db.query("sessions").withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId)).unique();
    if (!s) return null;
    const tasks = await ctx.db.query("tasks").withIndex("by_sessionId_status", (q) => q.eq("sessionId", sessionId)).collect();
    const activity = await ctx.db
      .query("activity")
      .withIndex("by_actor_seq", (q) => q.eq("actor", sessionActor(sessionId)))
      .order("desc")
      .take(SESSION_ACTIVITY_LIMIT);
    return {
      id: s.sessionId, projectId: s.projectId, cwd: s.cwd, gitBranch: s.gitBranch, activeMinutes: s.activeMinutes, startedAt: s.createdAt, lastAt: s.lastAt,
      created: tasks
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number)
        .map((t) => ({ key: `${t.projectKey}-${t.number}`, title: t.title, status: t.status })),
      activity: activity.map(toActivity),
    };
  },
});
