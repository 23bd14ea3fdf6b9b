// Run traces in the core: the capped views of inputs and outputs, the waterfall's layout, the status shown, the /runs filters.
import { describe, expect, it } from "vitest";
import { decodeRunCursor, runCursor } from "../../src/domain/cursor";
import { PREVIEW_CHARS, pageAfter, passes, preview, runFilter, shownStatus, waterfall } from "../../src/domain/run-traces";

describe("preview", () => {
  it("shows a value as JSON", () => {
    expect(preview({ deliveryId: "github:1", n: 2 })).toBe('{"deliveryId":"github:1","n":2}');
  });

  it("cuts a long value to PREVIEW_CHARS with an ellipsis", () => {
    const v = preview("x".repeat(10_000))!;
    expect(v).toHaveLength(PREVIEW_CHARS);
    expect(v.endsWith("…")).toBe(true);
  });

  it("shows nothing for a step that returned nothing, and null as null", () => {
    expect(preview(undefined)).toBeNull();
    expect(preview(null)).toBe("null");
  });

  it("still shows a value JSON cannot write", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(preview(cyclic)).toBe("[object Object]");
  });
});

describe("waterfall", () => {
  const run = { startedAt: "2026-12-01T10:00:00.000Z", endedAt: "2026-12-01T10:00:10.000Z" };

  it("places each step on the run's span by its start and length", () => {
    const { spanMs, bars } = waterfall(run, [
      { name: "load", startedAt: "2026-12-01T10:00:00.000Z", endedAt: "2026-12-01T10:00:02.000Z" },
      { name: "apply", startedAt: "2026-12-01T10:00:05.000Z", endedAt: "2026-12-01T10:00:10.000Z" },
    ], new Date("2026-12-01T11:00:00.000Z"));
    expect(spanMs).toBe(10_000);
    expect(bars).toEqual([
      { name: "load", offsetPct: 0, widthPct: 20, ms: 2000, open: false },
      { name: "apply", offsetPct: 50, widthPct: 50, ms: 5000, open: false },
    ]);
  });

  it("draws an instant step with a visible width", () => {
    const { bars } = waterfall(run, [{ name: "send", startedAt: "2026-12-01T10:00:04.000Z", endedAt: "2026-12-01T10:00:04.000Z" }], new Date());
    expect(bars[0]).toMatchObject({ offsetPct: 40, ms: 0 });
    expect(bars[0].widthPct).toBeGreaterThan(0);
  });

  it("runs an open step of a running run to now", () => {
    const { spanMs, bars } = waterfall({ startedAt: run.startedAt, endedAt: null }, [{ name: "wait", startedAt: "2026-12-01T10:00:02.000Z", endedAt: null }], new Date("2026-12-01T10:00:04.000Z"));
    expect(spanMs).toBe(4000);
    expect(bars[0]).toEqual({ name: "wait", offsetPct: 50, widthPct: 50, ms: null, open: true });
  });

  it("stretches the span to a sleep that wakes after now", () => {
    const { spanMs, bars } = waterfall({ startedAt: run.startedAt, endedAt: null }, [{ name: "sleep", startedAt: "2026-12-01T10:00:00.000Z", endedAt: "2026-12-01T10:01:00.000Z" }], new Date("2026-12-01T10:00:30.000Z"));
    expect(spanMs).toBe(60_000);
    expect(bars[0]).toMatchObject({ offsetPct: 0, widthPct: 100 });
  });

  it("never draws a bar past the span's end, even from a clock that went back", () => {
    const { bars } = waterfall(run, [{ name: "late", startedAt: "2026-12-01T09:59:59.000Z", endedAt: "2026-12-01T10:00:10.000Z" }], new Date());
    expect(bars[0].offsetPct + bars[0].widthPct).toBeLessThanOrEqual(100);
    expect(bars[0].offsetPct).toBe(0);
  });
});

describe("shownStatus", () => {
  it("takes the engine's state where it knows one", () => {
    expect(shownStatus("waiting", "running", true)).toBe("waiting");
  });

  it("takes our trace where the engine cannot say (Inngest), so unknown never shows", () => {
    expect(shownStatus("unknown", "complete", true)).toBe("complete");
    expect(shownStatus("unknown", "errored", true)).toBe("errored");
  });

  it("calls an untraced run of an emitted event queued, and of an event not sent yet none", () => {
    expect(shownStatus("unknown", null, true)).toBe("queued");
    expect(shownStatus("unknown", null, false)).toBe("none");
  });

  it("keeps a run the engine no longer holds (past retention) by our trace", () => {
    expect(shownStatus("none", "complete", true)).toBe("complete");
    expect(shownStatus("none", null, true)).toBe("none");
  });
});

describe("run filters", () => {
  const workflows = ["link-commits", "extract-tasks"];
  const statuses = ["errored", "complete", "failed"];

  it("keeps known values from the URL and drops the rest", () => {
    expect(runFilter({ workflow: "link-commits", status: "errored", since: "2026-12-01" }, workflows, statuses)).toEqual({
      workflow: "link-commits", status: "errored", since: "2026-12-01T00:00:00.000Z",
    });
    expect(runFilter({ workflow: "<script>", status: "weird", since: "yesterday" }, workflows, statuses)).toEqual({ workflow: null, status: null, since: null });
  });

  const row = { receivedAt: "2026-12-01T10:00:00.000Z", status: "processed", runs: [{ workflow: "link-commits", status: "complete" }] };

  it("passes a row by time, workflow and a run's status", () => {
    expect(passes({ workflow: "link-commits", status: "complete", since: "2026-12-01T00:00:00.000Z" }, row)).toBe(true);
    expect(passes({ workflow: null, status: null, since: "2026-12-02T00:00:00.000Z" }, row)).toBe(false);
    expect(passes({ workflow: "extract-tasks", status: null, since: null }, row)).toBe(false);
    expect(passes({ workflow: null, status: "errored", since: null }, row)).toBe(false);
  });

  it("passes a row by the delivery's own status", () => {
    expect(passes({ workflow: null, status: "processed", since: null }, row)).toBe(true);
  });
});

describe("pageAfter", () => {
  const rows = ["e", "d", "c", "b", "a"].map((id, i) => ({ id, receivedAt: `2026-12-01T10:0${9 - i}:00.000Z` }));

  it("answers the first rows and the last one shown when more follow", () => {
    expect(pageAfter(rows, 2, null)).toEqual({ items: rows.slice(0, 2), next: rows[1] });
  });

  it("goes on past the row the cursor names", () => {
    expect(pageAfter(rows, 2, rows[1]).items.map((r) => r.id)).toEqual(["c", "b"]);
  });

  it("names no next row on the last page", () => {
    expect(pageAfter(rows, 2, rows[3])).toEqual({ items: [rows[4]], next: null });
  });

  it("goes on past the cursor's time when its row is no longer listed", () => {
    expect(pageAfter(rows, 10, { id: "gone", receivedAt: "2026-12-01T10:07:30.000Z" }).items.map((r) => r.id)).toEqual(["c", "b", "a"]);
  });
});

describe("runs cursor", () => {
  it("reads back the position it was made from", () => {
    expect(decodeRunCursor(runCursor({ id: "github:1", receivedAt: "2026-12-01T10:00:00.000Z" }))).toEqual({ id: "github:1", receivedAt: "2026-12-01T10:00:00.000Z" });
  });

  it("refuses a task list's cursor and one the hub never made", () => {
    for (const c of [btoa(JSON.stringify(["2026-12-01", 3, "t"])), "bm90LW91cnM", ""]) expect(decodeRunCursor(c)).toBeNull();
  });
});
