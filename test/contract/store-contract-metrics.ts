// The store contract for /metrics: request minutes summed across minutes, and counts derived from deliveries, emails, tasks and intents.

import { describe, expect, it } from "vitest";
import type { Kit } from "./store-contract-kit";

const BOUNDS = [1, 60] as const;

export function metricsContract({ store, project, task }: Kit) {
  describe("metrics", () => {
    it("adds requests of the same minute, route, status and bucket into one count, and sums them across minutes", async () => {
      const route = `/contract/${crypto.randomUUID()}`;
      const at = { route, method: "GET", status: 200, bucket: 2 };
      await store().countRequest({ ...at, minute: "2026-12-01T10:00", seconds: 0.02 });
      await store().countRequest({ ...at, minute: "2026-12-01T10:00", seconds: 0.03 });
      await store().countRequest({ ...at, minute: "2026-12-01T10:01", seconds: 0.05 });
      await store().countRequest({ ...at, status: 500, minute: "2026-12-01T10:01", seconds: 1 });
      const mine = (await store().requestCounts()).filter((r) => r.route === route);
      expect(mine.map((r) => ({ ...r, seconds: Math.round(r.seconds * 1000) / 1000 }))).toEqual([
        { route, method: "GET", status: 200, bucket: 2, count: 3, seconds: 0.1 },
        { route, method: "GET", status: 500, bucket: 2, count: 1, seconds: 1 },
      ]);
    });

    it("adds an isolate's tally of several requests to the same series in one write", async () => {
      const route = `/contract/${crypto.randomUUID()}`;
      const at = { route, method: "POST", status: 202, bucket: 0, minute: "2026-12-01T10:00" };
      await store().countRequest({ ...at, count: 40, seconds: 0.2 });
      await store().countRequest({ ...at, count: 2, seconds: 0.01 });
      await store().countRequest({ ...at, seconds: 0.005 }); // no count: one request
      const mine = (await store().requestCounts()).filter((r) => r.route === route);
      expect(mine.map((r) => ({ ...r, seconds: Math.round(r.seconds * 1000) / 1000 }))).toEqual([{ route, method: "POST", status: 202, bucket: 0, count: 43, seconds: 0.215 }]);
    });

    it("folds minutes older than the cut into running totals and keeps every sum the same", async () => {
      const route = `/contract/${crypto.randomUUID()}`;
      const at = { route, method: "POST", status: 201, bucket: 1 };
      await store().countRequest({ ...at, minute: "2001-01-01T00:00", seconds: 1 });
      await store().countRequest({ ...at, minute: "2001-01-01T00:01", seconds: 2 });
      await store().countRequest({ ...at, minute: "2999-01-01T00:00", seconds: 4 }); // after the cut: stays a minute
      const before = (await store().requestCounts()).filter((r) => r.route === route);
      while (await store().rollUpRequests("2500-01-01T00:00"));
      expect((await store().requestCounts()).filter((r) => r.route === route)).toEqual(before);
      expect(before).toEqual([{ route, method: "POST", status: 201, bucket: 1, count: 3, seconds: 7 }]);
      // Folding again finds nothing left before the cut, and a later request still adds to the same series.
      expect(await store().rollUpRequests("2500-01-01T00:00")).toBe(false);
      await store().countRequest({ ...at, minute: "2001-01-01T00:05", seconds: 8 });
      while (await store().rollUpRequests("2500-01-01T00:00"));
      expect((await store().requestCounts()).filter((r) => r.route === route)).toEqual([{ ...before[0], count: 4, seconds: 15 }]);
    });

    it("counts deliveries by source and current status", async () => {
      const source = `src-${crypto.randomUUID()}`;
      const at = new Date().toISOString();
      for (const n of [1, 2, 3]) await store().recordDelivery({ id: `${source}:${n}`, source, event: "ping", payload: null, at });
      await store().setDeliveryStatus(`${source}:1`, "failed", "boom");
      const mine = (await store().storeCounts(BOUNDS)).deliveries.filter((d) => d.source === source);
      expect(mine).toEqual([
        { source, status: "failed", count: 1 },
        { source, status: "received", count: 2 },
      ]);
    });

    it("counts ended deliveries as runs by event and outcome, bucketed by how long they took", async () => {
      const source = `src-${crypto.randomUUID()}`;
      await store().recordDelivery({ id: `${source}:1`, source, event: "push", payload: null, at: new Date().toISOString() });
      await store().setDeliveryStatus(`${source}:1`, "processed");
      await store().recordDelivery({ id: `${source}:2`, source, event: "push", payload: null, at: new Date(Date.now() - 10 * 60_000).toISOString() });
      await store().setDeliveryStatus(`${source}:2`, "processed");
      await store().recordDelivery({ id: `${source}:3`, source, event: "push", payload: null, at: new Date().toISOString() }); // still running
      const mine = (await store().storeCounts(BOUNDS)).runs.filter((r) => r.source === source);
      expect(mine.map(({ seconds, ...r }) => r)).toEqual([
        { source, event: "push", status: "processed", bucket: 0, count: 1 },
        { source, event: "push", status: "processed", bucket: 2, count: 1 },
      ]);
      expect(mine[1].seconds).toBeGreaterThanOrEqual(599);
    });

    it("counts tasks by project key and status", async () => {
      const p = await project();
      await task(p.key, "one");
      const done = await task(p.key, "two");
      await store().updateTask(done.key, { status: "completed" }, "user:contract", new Date().toISOString());
      const mine = (await store().storeCounts(BOUNDS)).tasks.filter((t) => t.projectKey === p.key);
      expect(mine).toEqual([
        { projectKey: p.key, status: "completed", count: 1 },
        { projectKey: p.key, status: "todo", count: 1 },
      ]);
    });

    it("counts emails by kind and status", async () => {
      const before = (await store().storeCounts(BOUNDS)).emails.find((e) => e.kind === "deadline" && e.status === "failed")?.count ?? 0;
      await store().recordEmail(
        { to: "ops@example.com", kind: "deadline", subject: "s", html: "<p>s</p>", text: "s", idempotencyKey: `m:${crypto.randomUUID()}`, status: "failed", providerId: null, error: "x" },
        new Date().toISOString(),
      );
      const after = (await store().storeCounts(BOUNDS)).emails.find((e) => e.kind === "deadline" && e.status === "failed")?.count;
      expect(after).toBe(before + 1);
    });

    it("counts the intents Claude Code deliveries carried, by type, and skips a payload that is not JSON", async () => {
      const kind = `kind-${crypto.randomUUID()}`;
      const payload = (n: number) => JSON.stringify({ sessionId: "s", cwd: null, gitBranch: null, intents: Array.from({ length: n }, () => ({ type: kind })) });
      const at = new Date().toISOString();
      await store().recordDelivery({ id: `transcript:${crypto.randomUUID()}`, source: "transcript", event: "transcript", payload: payload(2), at });
      await store().recordDelivery({ id: `hook:${crypto.randomUUID()}`, source: "hook", event: "PostToolUse", payload: payload(1), at });
      await store().recordDelivery({ id: `hook:${crypto.randomUUID()}`, source: "hook", event: "PostToolUse", payload: "not json", at });
      await store().recordDelivery({ id: `github:${crypto.randomUUID()}`, source: "github", event: "push", payload: payload(5), at });
      expect((await store().storeCounts(BOUNDS)).intents.filter((i) => i.kind === kind)).toEqual([{ kind, count: 3 }]);
    });
  });
}
