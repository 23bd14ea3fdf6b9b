// Sessions on D1: transcript lines seen once, the subagent chain of each sidechain line, and a slice's intents applied.

import { sessionActor } from "../../domain/ingest";
import type { TaskStatus } from "../../domain/tasks";
import { SESSION_ACTIVITY_LIMIT, type SessionStore, type SessionSummary } from "../../ports/store";
import { applyIntents } from "./model/ingest";
import { ACTIVITY_COLUMNS, ACTIVITY_FROM, toActivity, type ActivityRow } from "./model/rows";

async function lineChains(db: D1Database, sessionId: string, uuids: string[]): Promise<Map<string, string>> {
  if (!uuids.length) return new Map();
  const { results } = await db
    .prepare(`SELECT uuid, chain FROM transcript_chains WHERE session_id = ? AND uuid IN (SELECT value FROM json_each(?))`)
    .bind(sessionId, JSON.stringify(uuids))
    .all<{ uuid: string; chain: string }>();
  return new Map(results.map((r) => [r.uuid, r.chain]));
}

async function recordLineChains(db: D1Database, sessionId: string, chains: Record<string, string>): Promise<void> {
  const rows = Object.entries(chains).map(([uuid, chain]) => ({ uuid, chain }));
  if (!rows.length) return;
  // The first reading of a line wins: a re-post of the same line must not move it to another chain.
  await db
    .prepare(
      `INSERT OR IGNORE INTO transcript_chains (session_id, uuid, chain)
       SELECT ?, json_extract(value, '$.uuid'), json_extract(value, '$.chain') FROM json_each(?)`,
    )
    .bind(sessionId, JSON.stringify(rows))
    .run();
}

async function sessionSummary(db: D1Database, sessionId: string): Promise<SessionSummary | null> {
  const [session, created, activity] = await db.batch([
    db
      .prepare(`SELECT id, project_id, cwd, git_branch, active_minutes, created_at, last_at FROM sessions WHERE id = ?`)
      .bind(sessionId),
    db
      .prepare(`SELECT p.key || '-' || t.number AS key, t.title, t.status FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.session_id = ? ORDER BY t.created_at, t.number`)
      .bind(sessionId),
    db.prepare(`SELECT ${ACTIVITY_COLUMNS} ${ACTIVITY_FROM} WHERE a.actor = ? ORDER BY a.id DESC LIMIT ?`).bind(sessionActor(sessionId), SESSION_ACTIVITY_LIMIT),
  ]);
  type Row = { id: string; project_id: string | null; cwd: string | null; git_branch: string | null; active_minutes: number; created_at: string; last_at: string | null };
  const s = (session.results as Row[])[0];
  if (!s) return null;
  return {
    id: s.id, projectId: s.project_id, cwd: s.cwd, gitBranch: s.git_branch, activeMinutes: s.active_minutes, startedAt: s.created_at, lastAt: s.last_at,
    created: created.results as { key: string; title: string; status: TaskStatus }[],
    activity: (activity.results as ActivityRow[]).map(toActivity),
  };
}

export function sessions(db: D1Database): SessionStore {
  return {
    sessionSummary: (sessionId) => sessionSummary(db, sessionId),
    async seenTranscriptLines(sessionId, uuids) {
      const { results } = await db
        .prepare(`SELECT uuid FROM transcript_lines WHERE session_id = ? AND uuid IN (SELECT value FROM json_each(?))`)
        .bind(sessionId, JSON.stringify(uuids))
        .all<{ uuid: string }>();
      return new Set(results.map((r) => r.uuid));
    },

    async recordTranscriptLines(sessionId, uuids) {
      // RETURNING with OR IGNORE yields only the rows actually inserted: the lines not seen before.
      const { results } = await db
        .prepare(`INSERT OR IGNORE INTO transcript_lines (session_id, uuid) SELECT ?, value FROM json_each(?) RETURNING uuid`)
        .bind(sessionId, JSON.stringify(uuids))
        .all<{ uuid: string }>();
      return { sessionId, newLineUuids: results.map((r) => r.uuid), duplicates: uuids.length - results.length };
    },

    lineChains: (sessionId, uuids) => lineChains(db, sessionId, uuids),
    recordLineChains: (sessionId, chains) => recordLineChains(db, sessionId, chains),
    async claimSession(sessionId, owner, at) {
      // One statement: of two first posts racing, the row's single owner is whoever's insert landed first.
      const row = await db
        .prepare(
          `INSERT INTO sessions (id, owner, created_at, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET owner = COALESCE(sessions.owner, excluded.owner) RETURNING owner`,
        )
        .bind(sessionId, owner, at, at)
        .first<{ owner: string }>();
      return row!.owner;
    },
    applyIntents: (batch, at) => applyIntents(db, batch, at),
  };
}
