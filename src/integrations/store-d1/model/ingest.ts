// applyIntents on D1: what a Claude Code session said, applied one guarded batch per intent.

import type { TaskIntent } from "../../../domain/extract/types";
import { isStaleList, planList, planUpsert, sessionActor, sessionTaskDraft, sessionTitleKey, splitMinutes, type TaskOp } from "../../../domain/ingest";
import { cyclePath, parentCycle } from "../../../domain/graph";
import { normalizeTitle, type Task } from "../../../domain/tasks";
import type { IntentBatch, TaskChange } from "../../../ports/store";
import { ancestors, edgesFrom } from "./graph";
import { knownByKeys, openInChain, sessionTaskWithTitle, tasksByIds } from "./reads";
import { activityStmt, insertTaskStmts, retrying, updateTaskStmts, Conflict } from "./writes";

type Ctx = { db: D1Database; batch: IntentBatch; at: string };

const actorOf = (b: IntentBatch) => sessionActor(b.sessionId);

type Touched = { id: string; from: TaskChange["from"] };

async function applyOps(ctx: Ctx, ops: TaskOp[], extra: D1PreparedStatement[] = []): Promise<Touched[]> {
  const { db, batch, at } = ctx;
  const versions = await db
    .prepare(`SELECT id, version, status, due_at AS dueAt, project_id AS projectId, parent_id AS parentId FROM tasks WHERE id IN (SELECT value FROM json_each(?))`)
    .bind(JSON.stringify(ops.flatMap((o) => (o.op === "update" ? [o.taskId] : []))))
    .all<{ id: string; version: number; status: Task["status"]; dueAt: string | null; projectId: string; parentId: string | null }>();
  const byId = new Map(versions.results.map((r) => [r.id, r]));
  const stmts: D1PreparedStatement[] = [];
  const guards: number[] = []; // indexes of update statements that must each change one row
  const touched: Touched[] = [];
  for (const op of ops) {
    if (op.op === "create") {
      const id = crypto.randomUUID();
      const parent = op.parentExternalKey ? (await knownByKeys(db, [op.parentExternalKey])).get(op.parentExternalKey) : undefined;
      stmts.push(...insertTaskStmts(db, { id, projectId: batch.projectId, ...sessionTaskDraft(op, batch.sessionId, parent?.id ?? null) }, actorOf(batch), at));
      const titleKey = sessionTitleKey(batch.projectId, batch.sessionId, op);
      if (titleKey) stmts.push(keyStmt(db, titleKey, id, at, { onlyIfInserted: true }));
      touched.push({ id, from: null });
    } else {
      const before = byId.get(op.taskId);
      if (!before) continue;
      if (op.alias) stmts.push(keyStmt(db, op.alias, op.taskId, at));
      const fields = { ...op.fields, ...(await parentMove(db, op, before)) };
      if (!Object.keys(fields).length) continue; // adopted as it stands (a new key, no change), or a parent already set
      guards.push(stmts.length);
      stmts.push(...updateTaskStmts(db, before, fields, actorOf(batch), at, { reason: op.reason }));
      touched.push({ id: op.taskId, from: { status: before.status, dueAt: before.dueAt } });
    }
  }
  if (!stmts.length && !extra.length) return [];
  const results = await db.batch([...stmts, ...extra]).catch((e: unknown) => {
    // Another run took this key (the same intent, told another way) between our read and this batch.
    if (String(e).includes("UNIQUE constraint failed: task_keys")) throw new Conflict("key taken underneath");
    throw e;
  });
  if (guards.some((i) => results[i].meta.changes === 0)) throw new Conflict("task changed underneath");
  return touched;
}

/** A key a task answers to; plain INSERT, so a key taken meanwhile fails the whole batch. */
function keyStmt(db: D1Database, key: string, taskId: string, at: string, { onlyIfInserted = false } = {}): D1PreparedStatement {
  // A create skipped because its external key exists meanwhile must not leave a key to a task that is not there.
  const guard = onlyIfInserted ? ` WHERE EXISTS (SELECT 1 FROM tasks WHERE id = ?2)` : "";
  return db.prepare(`INSERT INTO task_keys (external_key, task_id, created_at) SELECT ?1, ?2, ?3${guard}`).bind(key, taskId, at);
}

/** The parent a later intent names, when it is in the same project, differs from the current one and closes no cycle. */
async function parentMove(db: D1Database, op: Extract<TaskOp, { op: "update" }>, before: { id: string; projectId: string; parentId: string | null }) {
  if (!op.parentExternalKey) return {};
  const parent = (await knownByKeys(db, [op.parentExternalKey])).get(op.parentExternalKey);
  if (!parent || parent.projectId !== before.projectId || parent.id === before.parentId) return {};
  const up = await ancestors(db, parent.id);
  return parentCycle(before.id, parent.id, (id) => up.get(id)) ? {} : { parentId: parent.id };
}

async function chainSeen(db: D1Database, sessionId: string): Promise<Record<string, string>> {
  const row = await db.prepare(`SELECT chains FROM sessions WHERE id = ?`).bind(sessionId).first<{ chains: string }>();
  return row ? JSON.parse(row.chains) : {};
}

async function applyOne(ctx: Ctx, intent: TaskIntent): Promise<Touched[]> {
  const { db, batch, at } = ctx;
  switch (intent.type) {
    case "list": {
      const seen = await chainSeen(db, batch.sessionId);
      const chain = intent.origin.chain;
      if (isStaleList(seen, chain, intent.origin.at)) return [];
      const byKey = await knownByKeys(db, intent.items.map((i) => i.externalKey));
      const ops = planList(intent, byKey, await openInChain(db, batch.sessionId, chain));
      const mark = db
        .prepare(`UPDATE sessions SET chains = json_set(chains, '$.' || json_quote(?), ?), updated_at = ? WHERE id = ?`)
        .bind(chain, intent.origin.at, at, batch.sessionId);
      return applyOps(ctx, ops, [mark]);
    }
    case "upsert": {
      const known = (await knownByKeys(db, [intent.externalKey])).get(intent.externalKey) ?? null;
      // A key shared beyond one project (a list id anyone may name) never reaches another project's task.
      if (known && known.projectId !== batch.projectId) return [];
      const sameTitle = !known && intent.title ? await sessionTaskWithTitle(db, normalizeTitle(intent.title), batch.sessionId, batch.projectId) : null;
      const op = planUpsert(intent, known, sameTitle);
      return op ? applyOps(ctx, [op]) : [];
    }
    case "depend": {
      const known = await knownByKeys(db, [intent.externalKey, intent.dependsOnExternalKey]);
      const task = known.get(intent.externalKey);
      const blocker = known.get(intent.dependsOnExternalKey);
      if (!task || !blocker || task.projectId !== batch.projectId || blocker.projectId !== batch.projectId) return [];
      const edges = await edgesFrom(db, blocker.id);
      if (cyclePath(task.id, blocker.id, (id) => edges.get(id) ?? [])) return []; // a session cannot make a cycle
      await db.batch([
        db.prepare(`INSERT OR IGNORE INTO dependencies (task_id, depends_on_id, created_at) VALUES (?, ?, ?)`).bind(task.id, blocker.id, at),
        activityStmt(db, { at, actor: actorOf(batch), action: "dependency_added", taskId: task.id, projectId: task.projectId, data: { dependsOn: blocker.id } }),
      ]);
      return [];
    }
    case "time": {
      const { results } = await db
        .prepare(`SELECT id, project_id AS projectId FROM tasks WHERE session_id = ? AND status = 'in_progress'`)
        .bind(batch.sessionId)
        .all<{ id: string; projectId: string }>();
      const stmts = splitMinutes(intent.minutes, results.map((r) => r.id)).flatMap(({ taskId, minutes }) => [
        db
          .prepare(
            `INSERT OR IGNORE INTO time_entries (id, task_id, minutes, source, ref, external_key, created_at) VALUES (?, ?, ?, 'session', ?, ?, ?)`,
          )
          .bind(crypto.randomUUID(), taskId, minutes, batch.sessionId, `time:${batch.sessionId}:${intent.origin.lineUuid}:${taskId}`, at),
      ]);
      stmts.push(
        db.prepare(`UPDATE sessions SET active_minutes = active_minutes + ?, updated_at = ? WHERE id = ?`).bind(intent.minutes, at, batch.sessionId),
      );
      await db.batch(stmts);
      return [];
    }
  }
}

export async function applyIntents(db: D1Database, batch: IntentBatch, at: string): Promise<TaskChange[]> {
  await db
    .prepare(
      `INSERT INTO sessions (id, project_id, cwd, git_branch, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET project_id = COALESCE(project_id, excluded.project_id), cwd = COALESCE(excluded.cwd, cwd), git_branch = COALESCE(excluded.git_branch, git_branch), updated_at = excluded.updated_at`,
    )
    .bind(batch.sessionId, batch.projectId, batch.cwd, batch.gitBranch, at, at)
    .run();
  // The first state seen of each task is its "from": one change per task however many intents moved it.
  const from = new Map<string, TaskChange["from"]>();
  for (const intent of batch.intents) {
    for (const t of await retrying(() => applyOne({ db, batch, at }, intent))) if (!from.has(t.id)) from.set(t.id, t.from);
  }
  const tasks = await tasksByIds(db, [...from.keys()]);
  return tasks.map((task) => ({ task, from: from.get(task.id) ?? null }));
}
