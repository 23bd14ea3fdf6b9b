// cron-roll-up-requests (workflow roll-up-requests): request minutes older than an hour fold into totals; the scrape's sums stay the same.
import { env } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { D1Store } from "../../src/integrations/store-d1";
import { tick, withoutSleeps } from "../support/workflows";

let runs: Awaited<ReturnType<typeof withoutSleeps>>;
beforeAll(async () => {
  runs = await withoutSleeps();
});

it("folds minutes older than an hour into the totals and keeps the last hour per minute", async () => {
  const store = new D1Store(env.DB);
  const route = `/rollup/${crypto.randomUUID()}`;
  const now = Date.UTC(2026, 11, 1, 12, 0);
  const sample = { route, method: "GET", status: 200, bucket: 0 };
  await store.countRequest({ ...sample, minute: "2026-12-01T10:00", seconds: 0.5 });
  await store.countRequest({ ...sample, minute: "2026-12-01T10:59", seconds: 0.25 });
  await store.countRequest({ ...sample, minute: "2026-12-01T11:30", seconds: 0.125 });
  await tick("*/15 * * * *", now);
  expect(await runs.outputOf("rolledUpBefore")).toMatchObject({ rolledUpBefore: "2026-12-01T11:00" });
  const rows = await env.DB.prepare("SELECT minute, count, seconds FROM request_minutes WHERE route = ? ORDER BY minute").bind(route).all();
  expect(rows.results).toEqual([
    { minute: "2026-12-01T11:30", count: 1, seconds: 0.125 },
    { minute: "total", count: 2, seconds: 0.75 },
  ]);
  expect((await store.requestCounts()).filter((r) => r.route === route)).toEqual([{ ...sample, count: 3, seconds: 0.875 }]);
});

it("prunes run traces older than two weeks with their steps, and keeps newer ones", async () => {
  const store = new D1Store(env.DB);
  const now = Date.UTC(2026, 11, 1, 12, 15);
  const old = { workflow: "link-commits", eventId: `github:${crypto.randomUUID()}` };
  const recent = { workflow: "link-commits", eventId: `github:${crypto.randomUUID()}` };
  await store.traceRunStarted({ ...old, deliveryId: null, engine: "cloudflare", input: "{}", at: "2026-11-01T00:00:00.000Z" });
  await store.traceStepStarted({ ...old, name: "load", kind: "run", input: null, at: "2026-11-01T00:00:01.000Z" });
  await store.traceRunStarted({ ...recent, deliveryId: null, engine: "cloudflare", input: "{}", at: "2026-11-30T00:00:00.000Z" });
  await tick("*/15 * * * *", now);
  await runs.outputOf("tracesPruned");
  expect(await store.getRunTrace(old)).toBeNull();
  expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM run_steps WHERE event_id = ?").bind(old.eventId).first<{ n: number }>())?.n).toBe(0);
  expect(await store.getRunTrace(recent)).not.toBeNull();
});

it("discards session intents that waited more than a day for a task never created, and keeps newer ones", async () => {
  const store = new D1Store(env.DB);
  const now = Date.UTC(2026, 11, 1, 12, 30);
  const s = crypto.randomUUID();
  const intent = { type: "upsert" as const, origin: { sessionId: s, lineUuid: "", at: "", cwd: null, gitBranch: null, chain: "main" }, externalKey: `task:${s}:1`, source: "task-tool" as const, status: "completed" as const, tags: [], matchByTitle: false };
  const held = (id: string, doorAt: string) => ({ id, projectId: "p", sessionId: s, externalKey: intent.externalKey, doorAt, seq: 0, intent });
  const [old, recent] = [`old-${s}`, `recent-${s}`];
  await store.holdIntents(s, [held(old, "2026-11-30T12:29:59.000Z"), held(recent, "2026-11-30T12:30:01.000Z")], 10);
  await tick("*/15 * * * *", now);
  expect(await runs.outputOf("heldIntentsDiscarded")).toMatchObject({ heldIntentsDiscarded: 1 });
  const left = await env.DB.prepare("SELECT id FROM held_intents WHERE session_id = ?").bind(s).all<{ id: string }>();
  expect(left.results.map((r) => r.id)).toEqual([recent]);
});
