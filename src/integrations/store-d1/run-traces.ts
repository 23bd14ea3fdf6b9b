// Run traces on D1 (migrations/0023): a row per run and per step, each write one statement, bounded per run.

import { MAX_TRACED_STEPS, type RunTrace, type StepTrace, type TraceStatus } from "../../domain/run-traces";
import type { RunTraceStore } from "../../ports/store";

interface RunRow {
  workflow: string; event_id: string; delivery_id: string | null; engine: string; input: string; started_at: string; ended_at: string | null;
  status: string; attempts: number; error: string | null;
}
interface StepRow {
  name: string; kind: string; started_at: string; ended_at: string | null; attempts: number; error: string | null; input: string | null; output: string | null;
}

const toRun = (r: RunRow): RunTrace => ({
  workflow: r.workflow, eventId: r.event_id, deliveryId: r.delivery_id, engine: r.engine, input: r.input, startedAt: r.started_at, endedAt: r.ended_at,
  status: r.status as TraceStatus, attempts: r.attempts, error: r.error,
});
const toStep = (r: StepRow): StepTrace => ({
  name: r.name, kind: r.kind as StepTrace["kind"], startedAt: r.started_at, endedAt: r.ended_at, attempts: r.attempts, error: r.error, input: r.input, output: r.output,
});

export function runTraces(db: D1Database): RunTraceStore {
  return {
    async traceRunStarted(r) {
      await db
        .prepare(
          `INSERT INTO run_traces (workflow, event_id, delivery_id, engine, input, started_at, status, attempts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'running', 1)
           ON CONFLICT (workflow, event_id) DO UPDATE SET status = 'running', attempts = attempts + 1, started_at = ?6, ended_at = NULL, error = NULL
           WHERE run_traces.status <> 'running'`,
        )
        .bind(r.workflow, r.eventId, r.deliveryId, r.engine, r.input, r.at)
        .run();
    },

    async traceRunEnded(r) {
      await db
        .prepare(`UPDATE run_traces SET status = ?3, error = ?4, ended_at = ?5 WHERE workflow = ?1 AND event_id = ?2`)
        .bind(r.workflow, r.eventId, r.status, r.error, r.at)
        .run();
    },

    async traceStepStarted(r) {
      // A new step gets the next seq while the run has room; a "run" step seen again counts an attempt, a mark stays.
      const again = r.kind === "run" ? `DO UPDATE SET attempts = attempts + 1, ended_at = NULL` : `DO NOTHING`;
      await db
        .prepare(
          `INSERT INTO run_steps (workflow, event_id, name, seq, kind, started_at, ended_at, attempts, input)
           SELECT ?1, ?2, ?3, n, ?4, ?5, ?6, 1, ?7 FROM (SELECT COUNT(*) AS n FROM run_steps WHERE workflow = ?1 AND event_id = ?2)
           WHERE n < ?8 OR EXISTS (SELECT 1 FROM run_steps WHERE workflow = ?1 AND event_id = ?2 AND name = ?3)
           ON CONFLICT (workflow, event_id, name) ${again}`,
        )
        .bind(r.workflow, r.eventId, r.name, r.kind, r.at, r.endedAt ?? null, r.input, MAX_TRACED_STEPS)
        .run();
    },

    async traceStepEnded(r) {
      await db
        .prepare(`UPDATE run_steps SET ended_at = ?4, output = ?5, error = ?6 WHERE workflow = ?1 AND event_id = ?2 AND name = ?3`)
        .bind(r.workflow, r.eventId, r.name, r.at, r.output, r.error)
        .run();
    },

    async getRunTrace(r) {
      const [run, steps] = await db.batch([
        db.prepare(`SELECT * FROM run_traces WHERE workflow = ? AND event_id = ?`).bind(r.workflow, r.eventId),
        db.prepare(`SELECT * FROM run_steps WHERE workflow = ? AND event_id = ? ORDER BY seq`).bind(r.workflow, r.eventId),
      ]);
      const row = (run.results as RunRow[])[0];
      return row ? { run: toRun(row), steps: (steps.results as StepRow[]).map(toStep) } : null;
    },

    async tracedRuns(deliveryIds) {
      if (!deliveryIds.length) return [];
      const { results } = await db
        .prepare(`SELECT * FROM run_traces WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY started_at LIMIT 2000`)
        .bind(JSON.stringify(deliveryIds.slice(0, 200)))
        .all<RunRow>();
      return results.map(toRun);
    },

    async pruneRunTraces(before, limit) {
      const { results } = await db
        .prepare(`SELECT workflow, event_id FROM run_traces WHERE started_at < ? ORDER BY started_at LIMIT ?`)
        .bind(before, limit)
        .all<{ workflow: string; event_id: string }>();
      if (!results.length) return 0;
      const keys = JSON.stringify(results.map((r) => [r.workflow, r.event_id]));
      const inKeys = `(workflow, event_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`;
      await db.batch([db.prepare(`DELETE FROM run_steps WHERE ${inKeys}`).bind(keys), db.prepare(`DELETE FROM run_traces WHERE ${inKeys}`).bind(keys)]);
      return results.length;
    },
  };
}
