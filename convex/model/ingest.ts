// applyIntents on Convex: what a Claude Code session said, decided by src/domain/ingest.ts, in one transaction.

import { cyclePath, parentCycle } from "../../src/domain/graph";
import { isStaleList, planList, planUpsert, sessionActor, sessionTaskDraft, splitMinutes, TITLE_KEYED_SOURCES, type KnownTask, type TaskOp } from "../../src/domain/ingest";
import { normalizeTitle, OPEN_STATUSES, TASK_STATUSES } from "../../src/domain/tasks";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { toTask } from "./docs";
import { storeError } from "./errors";
import { ancestors, edgesFrom } from "./graph";
import { editTask, insertTask, taskByExternalKey } from "./tasks";
import { writeActivity } from "./activity";
import type { IntentBatch, TaskChange, TaskIntent } from "../validators";

const SAME_TITLE_CANDIDATES = 50;
const CHAIN_OPEN_MAX = 500;

type Ctx = { ctx: MutationCtx; batch: IntentBatch; projectId: Id<"projects">; at: string; actor: string };
type Touched = { id: Id<"tasks">; from: TaskChange["from"] };

const known = (t: Doc<"tasks">): KnownTask => ({
  id: t._id, externalKey: t.externalKey, titleNorm: t.titleNorm, status: t.status, sourceKind: t.sourceKind, chain: t.chain,
});

async function knownByKeys(ctx: QueryCtx, keys: string[]): Promise<Map<string, Doc<"tasks">>> {
  const out = new Map<string, Doc<"tasks">>();
  for (const k of new Set(keys)) {
    const t = await taskByExternalKey(ctx, k);
    if (t) out.set(k, t);
  }
  return out;
}

async function openInChain(ctx: QueryCtx, sessionId: string, chain: string): Promise<Doc<"tasks">[]> {
  const open = await Promise.all(
    OPEN_STATUSES.map((status) =>
      ctx.db.query("tasks").withIndex("by_sessionId_chain_status", (q) => q.eq("sessionId", sessionId).eq("chain", chain).eq("status", status)).take(CHAIN_OPEN_MAX),
    ),
  );
  return open.flat();
}

/**
 * The session's own task of this title (any status, open first; never one made by hand). The mutation reads
 * the title's index range, so a concurrent insert of the same intent conflicts and Convex reruns this one,
 * which then finds it: what the D1 store gets from task_keys' title key.
 */
async function sessionTaskWithTitle(ctx: QueryCtx, titleNorm: string, sessionId: string, projectId: string): Promise<Doc<"tasks"> | null> {
  const all = (
    await Promise.all(
      TASK_STATUSES.map((status) =>
        ctx.db.query("tasks").withIndex("by_titleNorm_status", (q) => q.eq("titleNorm", titleNorm).eq("status", status)).take(SAME_TITLE_CANDIDATES),
      ),
    )
  ).flat();
  return all.find((t) => t.sessionId === sessionId && t.projectId === projectId && TITLE_KEYED_SOURCES.includes(t.sourceKind)) ?? null;
}

/** The parent a later intent names, when it is in the same project, differs from the current one and closes no cycle. */
async function parentMove(ctx: QueryCtx, op: Extract<TaskOp, { op: "update" }>, before: Doc<"tasks">): Promise<{ parentId?: Id<"tasks"> }> {
  if (!op.parentExternalKey) return {};
  const parent = await taskByExternalKey(ctx, op.parentExternalKey);
  if (!parent || parent.projectId !== before.projectId || parent._id === before.parentId) return {};
  const up = await ancestors(ctx, parent._id);
  return parentCycle(before._id, parent._id, (id) => up.get(id)) ? {} : { parentId: parent._id };
}

async function applyOps(c: Ctx, ops: TaskOp[]): Promise<Touched[]> {
  const touched: Touched[] = [];
  for (const op of ops) {
    if (op.op === "create") {
      const parent = op.parentExternalKey ? await taskByExternalKey(c.ctx, op.parentExternalKey) : null;
      const draft = sessionTaskDraft(op, c.batch.sessionId, null);
      const doc = await insertTask(c.ctx, { ...draft, projectId: c.projectId, parentId: parent?._id ?? null }, c.actor, c.at);
      if (doc) touched.push({ id: doc._id, from: null });
    } else {
      const before = await c.ctx.db.get(op.taskId as Id<"tasks">);
      if (!before) continue;
      if (op.alias) await c.ctx.db.insert("taskKeys", { externalKey: op.alias, taskId: before._id, createdAt: c.at });
      const fields = { ...op.fields, ...(await parentMove(c.ctx, op, before)) };
      if (!Object.keys(fields).length) continue; // adopted as it stands (a new key, no change), or a parent already set
      await editTask(c.ctx, before, fields, c.actor, c.at, { reason: op.reason });
      touched.push({ id: before._id, from: { status: before.status, dueAt: before.dueAt } });
    }
  }
  return touched;
}

async function applyOne(c: Ctx, session: Doc<"sessions">, intent: TaskIntent): Promise<Touched[]> {
  const { ctx, batch, at } = c;
  switch (intent.type) {
    case "list": {
      const chain = intent.origin.chain;
      const seen = (await ctx.db.get(session._id))!.chains;
      if (isStaleList(seen, chain, intent.origin.at)) return [];
      const byKey = await knownByKeys(ctx, intent.items.map((i) => i.externalKey));
      const open = await openInChain(ctx, batch.sessionId, chain);
      const ops = planList(intent, new Map([...byKey].map(([k, t]) => [k, known(t)])), open.map(known));
      const touched = await applyOps(c, ops);
      await ctx.db.patch(session._id, { chains: { ...seen, [chain]: intent.origin.at }, updatedAt: at });
      return touched;
    }
    case "upsert": {
      const k = await taskByExternalKey(ctx, intent.externalKey);
      // A key shared beyond one project (a list id anyone may name) never reaches another project's task.
      if (k && k.projectId !== c.projectId) return [];
      const same = !k && intent.title ? await sessionTaskWithTitle(ctx, normalizeTitle(intent.title), batch.sessionId, batch.projectId) : null;
      const op = planUpsert(intent, k ? known(k) : null, same ? known(same) : null);
      return op ? applyOps(c, [op]) : [];
    }
    case "depend": {
      const byKey = await knownByKeys(ctx, [intent.externalKey, intent.dependsOnExternalKey]);
      const task = byKey.get(intent.externalKey);
      const blocker = byKey.get(intent.dependsOnExternalKey);
      if (!task || !blocker || task.projectId !== c.projectId || blocker.projectId !== c.projectId) return [];
      const edges = await edgesFrom(ctx, blocker._id);
      if (cyclePath(task._id, blocker._id, (id) => edges.get(id) ?? [])) return []; // a session cannot make a cycle
      const exists = await ctx.db
        .query("dependencies")
        .withIndex("by_taskId_dependsOnId", (q) => q.eq("taskId", task._id).eq("dependsOnId", blocker._id))
        .unique();
      if (!exists) await ctx.db.insert("dependencies", { taskId: task._id, dependsOnId: blocker._id, createdAt: at });
      await writeActivity(ctx, {
        at, actor: c.actor, action: "dependency_added", taskId: task._id, taskKey: `${task.projectKey}-${task.number}`, projectId: task.projectId,
        data: { dependsOn: blocker._id },
      });
      return [];
    }
    case "time": {
      const inProgress = await ctx.db
        .query("tasks")
        .withIndex("by_sessionId_status", (q) => q.eq("sessionId", batch.sessionId).eq("status", "in_progress"))
        .take(CHAIN_OPEN_MAX);
      for (const { taskId, minutes } of splitMinutes(intent.minutes, inProgress.map((t) => t._id))) {
        const externalKey = `time:${batch.sessionId}:${intent.origin.lineUuid}:${taskId}`;
        const dup = await ctx.db.query("timeEntries").withIndex("by_externalKey", (q) => q.eq("externalKey", externalKey)).first();
        if (!dup) await ctx.db.insert("timeEntries", { taskId: taskId as Id<"tasks">, userId: null, minutes, source: "session", ref: batch.sessionId, externalKey, createdAt: at });
      }
      const s = (await ctx.db.get(session._id))!;
      await ctx.db.patch(s._id, { activeMinutes: s.activeMinutes + intent.minutes, updatedAt: at });
      return [];
    }
  }
}

async function upsertSession(ctx: MutationCtx, batch: IntentBatch, at: string): Promise<Doc<"sessions">> {
  const s = await ctx.db.query("sessions").withIndex("by_sessionId", (q) => q.eq("sessionId", batch.sessionId)).unique();
  if (s) {
    await ctx.db.patch(s._id, { projectId: s.projectId ?? batch.projectId, cwd: batch.cwd ?? s.cwd, gitBranch: batch.gitBranch ?? s.gitBranch, updatedAt: at });
    return (await ctx.db.get(s._id))!;
  }
  const id = await ctx.db.insert("sessions", {
    sessionId: batch.sessionId, projectId: batch.projectId, userId: null, cwd: batch.cwd, gitBranch: batch.gitBranch, lastLineUuid: null,
    lastAt: null, activeMinutes: 0, chains: {}, owner: null, createdAt: at, updatedAt: at,
  });
  return (await ctx.db.get(id))!;
}

export async function applyIntents(ctx: MutationCtx, batch: IntentBatch, at: string): Promise<TaskChange[]> {
  const projectId = ctx.db.normalizeId("projects", batch.projectId);
  if (!projectId || !(await ctx.db.get(projectId))) throw storeError("not_found", `Project ${batch.projectId} not found`);
  const session = await upsertSession(ctx, batch, at);
  const c: Ctx = { ctx, batch, projectId, at, actor: sessionActor(batch.sessionId) };
  // The first state seen of each task is its "from": one change per task however many intents moved it.
  const from = new Map<Id<"tasks">, TaskChange["from"]>();
  for (const intent of batch.intents) for (const t of await applyOne(c, session, intent)) if (!from.has(t.id)) from.set(t.id, t.from);
  const tasks = await Promise.all([...from.keys()].map((id) => ctx.db.get(id)));
  return tasks.flatMap((t) => (t ? [{ task: toTask(t), from: from.get(t._id) ?? null }] : []));
}
