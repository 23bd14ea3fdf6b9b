// The store contract for run traces: one row per run and per step, idempotent under an engine's replays, bounded, pruned.

import { describe, expect, it } from "vitest";
import { MAX_TRACED_STEPS } from "../../src/domain/run-traces";
import type { Kit } from "./store-contract-kit";
import { nextAt } from "./store-fixtures";

export function runTracesContract({ store }: Kit) {
  describe("run traces", () => {
    const key = () => ({ workflow: "link-commits", eventId: `github:${crypto.randomUUID()}` });
    const start = (k: { workflow: string; eventId: string }, at = nextAt()) =>
      store().traceRunStarted({ ...k, deliveryId: k.eventId, engine: "cloudflare", input: '{"deliveryId":"x"}', at });

    it("records a run once however often its execution begins again", async () => {
      const k = key();
      const at = nextAt();
      await start(k, at);
      await start(k);
      expect((await store().getRunTrace(k))?.run).toEqual({
        ...k, deliveryId: k.eventId, engine: "cloudflare", input: '{"deliveryId":"x"}', startedAt: at, endedAt: null, status: "running", attempts: 1, error: null,
      });
    });

    it("ends a run with its status and error, and starts an ended run over as another attempt", async () => {
      const k = key();
      await start(k);
      const end = nextAt();
      await store().traceRunEnded({ ...k, status: "errored", error: "GitHub was down", at: end });
      expect((await store().getRunTrace(k))?.run).toMatchObject({ status: "errored", error: "GitHub was down", endedAt: end, attempts: 1 });
      await start(k);
      expect((await store().getRunTrace(k))?.run).toMatchObject({ status: "running", error: null, endedAt: null, attempts: 2 });
    });

    it("keeps steps in the order they started, counting a run step's attempts", async () => {
      const k = key();
      await start(k);
      const [a1, a2, b1, b2] = [nextAt(), nextAt(), nextAt(), nextAt()];
      await store().traceStepStarted({ ...k, name: "load", kind: "run", input: null, at: a1 });
      await store().traceStepEnded({ ...k, name: "load", output: null, error: "timeout", at: a2 });
      await store().traceStepStarted({ ...k, name: "load", kind: "run", input: null, at: nextAt() });
      await store().traceStepEnded({ ...k, name: "load", output: '{"n":1}', error: null, at: b1 });
      await store().traceStepStarted({ ...k, name: "wait", kind: "sleep", input: "60000 ms", at: b1, endedAt: b2 });
      const steps = (await store().getRunTrace(k))!.steps;
      expect(steps).toEqual([
        { name: "load", kind: "run", startedAt: a1, endedAt: b1, attempts: 2, error: null, input: null, output: '{"n":1}' },
        { name: "wait", kind: "sleep", startedAt: b1, endedAt: b2, attempts: 1, error: null, input: "60000 ms", output: null },
      ]);
    });

    it("records a sleep or send mark once, however often the run passes it again", async () => {
      const k = key();
      await start(k);
      const at = nextAt();
      await store().traceStepStarted({ ...k, name: "emit", kind: "send", input: "task/status.changed", at, endedAt: at });
      await store().traceStepStarted({ ...k, name: "emit", kind: "send", input: "task/status.changed", at: nextAt(), endedAt: nextAt() });
      expect((await store().getRunTrace(k))!.steps).toEqual([{ name: "emit", kind: "send", startedAt: at, endedAt: at, attempts: 1, error: null, input: "task/status.changed", output: null }]);
    });

    it("keeps at most MAX_TRACED_STEPS steps of a run, and still counts attempts of those it keeps", async () => {
      const k = key();
      await start(k);
      for (let i = 0; i <= MAX_TRACED_STEPS; i++) await store().traceStepStarted({ ...k, name: `s-${i}`, kind: "run", input: null, at: nextAt() });
      await store().traceStepStarted({ ...k, name: "s-0", kind: "run", input: null, at: nextAt() });
      const steps = (await store().getRunTrace(k))!.steps;
      expect(steps).toHaveLength(MAX_TRACED_STEPS);
      expect(steps.map((s) => s.name)).not.toContain(`s-${MAX_TRACED_STEPS}`);
      expect(steps[0]).toMatchObject({ name: "s-0", attempts: 2 });
    });

    it("lists the recorded runs of given deliveries, replays included, and none of others", async () => {
      const [k, other] = [key(), key()];
      await start(k);
      await store().traceRunStarted({ workflow: "link-commits", eventId: `${k.eventId}:replay:1`, deliveryId: k.eventId, engine: "inngest", input: "{}", at: nextAt() });
      await start(other);
      const runs = await store().tracedRuns([k.eventId, `github:${crypto.randomUUID()}`]);
      expect(runs.map((r) => r.eventId)).toEqual([k.eventId, `${k.eventId}:replay:1`]);
      expect(await store().tracedRuns([])).toEqual([]);
    });

    it("prunes runs started before a time with their steps, a bounded number per call", async () => {
      const [old1, old2, kept] = [key(), key(), key()];
      await start(old1, "1971-01-01T00:00:01.000Z");
      await start(old2, "1971-01-01T00:00:02.000Z");
      await store().traceStepStarted({ ...old1, name: "load", kind: "run", input: null, at: "1971-01-01T00:00:01.500Z" });
      await start(kept, "1971-06-01T00:00:00.000Z");
      expect(await store().pruneRunTraces("1971-02-01T00:00:00.000Z", 1)).toBe(1);
      expect(await store().getRunTrace(old1)).toBeNull();
      expect(await store().getRunTrace(old2)).not.toBeNull();
      expect(await store().pruneRunTraces("1971-02-01T00:00:00.000Z", 10)).toBe(1);
      expect(await store().getRunTrace(kept)).not.toBeNull();
    });
  });
}
