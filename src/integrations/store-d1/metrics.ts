// What /metrics reads on D1: request minutes (migrations/0020) and counts grouped straight from the tables the hub keeps.

import type { DeliveryStatus } from "../../domain/deliveries";
import { TOTAL_MINUTE } from "../../domain/metrics";
import type { MetricsStore } from "../../ports/store";

/** Minutes folded per transaction: an hour of minutes, a few thousand rows at most. */
const ROLL_UP_MINUTES = 60;

/** SQL for the bucket of a duration in seconds: the index of the first bound it fits under, else bounds.length. */
const bucketCase = (expr: string, bounds: readonly number[]) =>
  `CASE ${bounds.map((b, i) => `WHEN ${expr} <= ${Number(b)} THEN ${i}`).join(" ")} ELSE ${bounds.length} END`;

export function metrics(db: D1Database): MetricsStore {
  return {
    async countRequest(r) {
      await db
        .prepare(
          `INSERT INTO request_minutes (minute, route, method, status, bucket, count, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (minute, route, method, status, bucket) DO UPDATE SET count = count + excluded.count, seconds = seconds + excluded.seconds`,
        )
        .bind(r.minute, r.route, r.method, r.status, r.bucket, r.count ?? 1, r.seconds)
        .run();
    },

    async requestCounts() {
      const { results } = await db
        .prepare(
          `SELECT route, method, status, bucket, SUM(count) AS count, SUM(seconds) AS seconds FROM request_minutes
           GROUP BY route, method, status, bucket ORDER BY route, method, status, bucket`,
        )
        .all<{ route: string; method: string; status: number; bucket: number; count: number; seconds: number }>();
      return results;
    },

    async rollUpRequests(before) {
      // Whole minutes, oldest first: `upto` is the last of the next ROLL_UP_MINUTES; the fold and the delete take the same rows.
      const upto = await db
        .prepare(`SELECT MAX(minute) AS upto FROM (SELECT DISTINCT minute FROM request_minutes WHERE minute < ?1 ORDER BY minute LIMIT ?2)`)
        .bind(before, ROLL_UP_MINUTES)
        .first<string | null>("upto");
      if (!upto) return false;
      await db.batch([
        db
          .prepare(
            `INSERT INTO request_minutes (minute, route, method, status, bucket, count, seconds)
             SELECT ?1, route, method, status, bucket, SUM(count), SUM(seconds) FROM request_minutes WHERE minute <= ?2 AND minute < ?3
             GROUP BY route, method, status, bucket
             ON CONFLICT (minute, route, method, status, bucket) DO UPDATE SET count = count + excluded.count, seconds = seconds + excluded.seconds`,
          )
          .bind(TOTAL_MINUTE, upto, before),
        db.prepare(`DELETE FROM request_minutes WHERE minute <= ?1 AND minute < ?2`).bind(upto, before),
      ]);
      return !!(await db.prepare(`SELECT 1 AS left FROM request_minutes WHERE minute < ?1 LIMIT 1`).bind(before).first("left"));
    },

    async storeCounts(runBounds) {
      const duration = `((julianday(updated_at) - julianday(received_at)) * 86400.0)`;
      const [deliveries, runs, emails, tasks, intents] = await db.batch([
        db.prepare(`SELECT source, status, COUNT(*) AS count FROM deliveries GROUP BY source, status ORDER BY source, status`),
        db.prepare(
          `SELECT source, event, status, ${bucketCase(duration, runBounds)} AS bucket, COUNT(*) AS count, SUM(${duration}) AS seconds
           FROM deliveries WHERE status IN ('processed', 'failed') GROUP BY source, event, status, bucket ORDER BY source, event, status, bucket`,
        ),
        db.prepare(`SELECT kind, status, COUNT(*) AS count FROM emails GROUP BY kind, status ORDER BY kind, status`),
        db.prepare(
          `SELECT p.key AS projectKey, t.status AS status, COUNT(*) AS count FROM tasks t JOIN projects p ON p.id = t.project_id
           GROUP BY p.key, t.status ORDER BY p.key, t.status`,
        ),
        // The intents ingress extracted ride in each Claude Code delivery's payload (domain/deliveries.ts ClaudeDeliveryPayload).
        db.prepare(
          `SELECT json_extract(i.value, '$.type') AS kind, COUNT(*) AS count
           FROM deliveries d, json_each(CASE WHEN json_valid(d.payload) THEN d.payload ELSE '{}' END, '$.intents') i
           WHERE d.source IN ('transcript', 'hook') GROUP BY kind HAVING kind IS NOT NULL ORDER BY kind`,
        ),
      ]);
      return {
        deliveries: deliveries.results as { source: string; status: DeliveryStatus; count: number }[],
        runs: (runs.results as { source: string; event: string; status: DeliveryStatus; bucket: number; count: number; seconds: number }[]).map((r) => ({
          ...r,
          seconds: Math.max(0, r.seconds),
        })),
        emails: emails.results as { kind: string; status: string; count: number }[],
        tasks: tasks.results as { projectKey: string; status: string; count: number }[],
        intents: intents.results as { kind: string; count: number }[],
        truncated: [],
      };
    },
  };
}
