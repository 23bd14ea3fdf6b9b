// Deadline decisions: thresholds, which alert still holds, and what the sweep sends.
import { describe, expect, it } from "vitest";
import { alertApplies, alertsDueNow, deadlineAlerts, deadlineKey } from "../../src/domain/deadlines";

const DUE = "2026-03-10T12:00:00.000Z";
const at = (iso: string) => Date.parse(iso);

describe("deadlines", () => {
  it("puts the reminder 24 hours before the due time and the overdue alert at it", () => {
    expect(deadlineAlerts(DUE).map((a) => [a.threshold, a.kind, a.at.toISOString()])).toEqual([
      ["24h", "deadline", "2026-03-09T12:00:00.000Z"],
      ["due", "overdue", DUE],
    ]);
  });

  it("keys an alert by task, due date and threshold", () => {
    expect(deadlineKey("t1", DUE, "24h")).toBe(`deadline:t1:${DUE}:24h`);
  });

  it("drops the reminder once the task is done or its due date moved", () => {
    const now = at("2026-03-10T00:00:00Z");
    expect(alertApplies({ status: "todo", dueAt: DUE }, DUE, "24h", now)).toBe(true);
    expect(alertApplies({ status: "completed", dueAt: DUE }, DUE, "24h", now)).toBe(false);
    expect(alertApplies({ status: "todo", dueAt: "2026-03-11T12:00:00.000Z" }, DUE, "24h", now)).toBe(false);
  });

  it("does not send 'due within a day' for a task already past due", () => {
    expect(alertApplies({ status: "todo", dueAt: DUE }, DUE, "24h", at("2026-03-10T12:30:00Z"))).toBe(false);
  });

  it("has the sweep send the reminder inside the window and the overdue alert after it", () => {
    const task = { status: "in_progress" as const, dueAt: DUE };
    expect(alertsDueNow(task, at("2026-03-09T11:00:00Z"))).toEqual([]);
    expect(alertsDueNow(task, at("2026-03-09T13:00:00Z")).map((a) => a.threshold)).toEqual(["24h"]);
    expect(alertsDueNow(task, at("2026-03-10T13:00:00Z")).map((a) => a.threshold)).toEqual(["due"]);
  });
});
