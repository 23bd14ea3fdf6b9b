// Chasing decisions: when a blocker is stale, how often it is nudged, and when an owner is told.
import { describe, expect, it } from "vitest";
import { chaseAction, DAY_MS, isStale, mayNudge, nudgeWindow, shouldEscalate } from "../../src/domain/chase";

const now = Date.parse("2026-03-10T12:00:00Z");
const ago = (days: number) => new Date(now - days * DAY_MS).toISOString();

describe("chasing blockers", () => {
  it("calls a blocker stale when it is overdue or untouched for three days", () => {
    expect(isStale({ status: "todo", dueAt: ago(0.1), updatedAt: ago(0) }, now)).toBe(true);
    expect(isStale({ status: "in_progress", dueAt: null, updatedAt: ago(3) }, now)).toBe(true);
    expect(isStale({ status: "in_progress", dueAt: null, updatedAt: ago(2.9) }, now)).toBe(false);
    expect(isStale({ status: "completed", dueAt: ago(5), updatedAt: ago(5) }, now)).toBe(false);
  });

  it("nudges a blocker at most once every three days", () => {
    expect(mayNudge(null, now)).toBe(true);
    expect(mayNudge(ago(2.5), now)).toBe(false);
    expect(mayNudge(ago(3), now)).toBe(true);
  });

  it("escalates only a blocker that has not moved since the nudge", () => {
    expect(shouldEscalate({ version: 4 }, { status: "todo", version: 4 })).toBe(true);
    expect(shouldEscalate({ version: 4 }, { status: "todo", version: 5 })).toBe(false);
    expect(shouldEscalate({ version: 4 }, { status: "completed", version: 4 })).toBe(false);
    expect(shouldEscalate({ version: 4 }, null)).toBe(false);
  });

  it("has the hourly chase nudge first, escalate two days after an unanswered nudge, and nudge again after three", () => {
    const stale = { status: "todo" as const, dueAt: null, updatedAt: ago(4) };
    expect(chaseAction(stale, null, now)).toEqual({ do: "nudge", window: nudgeWindow(now) });
    expect(chaseAction(stale, ago(1), now)).toBeNull();
    expect(chaseAction(stale, ago(2.5), now)).toEqual({ do: "escalate", window: nudgeWindow(now - 2.5 * DAY_MS) });
    expect(chaseAction(stale, ago(3), now)?.do).toBe("nudge");
  });

  it("leaves a blocker alone that moved after its nudge", () => {
    expect(chaseAction({ status: "todo", dueAt: null, updatedAt: ago(0.5) }, ago(2.5), now)).toBeNull();
  });
});
