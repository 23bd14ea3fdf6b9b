// Estimates against actuals: per task, person, week and project budget, from plain rows.
import { describe, expect, it } from "vitest";
import { budgetOf, buildEstimates, type EstimatedTask } from "../../src/domain/estimates";

const task = (over: Partial<EstimatedTask>): EstimatedTask => ({
  taskKey: "HUB-1", title: "t", projectKey: "HUB", assigneeId: null, completedAt: null, estimatedHours: 1, minutes: 60, ...over,
});

describe("buildEstimates", () => {
  it("puts the tasks furthest off their estimate first, over or under", () => {
    const e = buildEstimates(
      [task({ taskKey: "HUB-1", estimatedHours: 2, minutes: 150 }), task({ taskKey: "HUB-2", estimatedHours: 8, minutes: 120 }), task({ taskKey: "HUB-3", estimatedHours: 1, minutes: 60 })],
      new Map(),
      new Map(),
    );
    expect(e.byTask.map((r) => [r.key, r.offH, r.ratio])).toEqual([["HUB-2", -6, 0.25], ["HUB-1", 0.5, 1.25], ["HUB-3", 0, 1]]);
  });

  it("sums by person under their name, with unassigned work apart", () => {
    const e = buildEstimates(
      [task({ assigneeId: "u1", estimatedHours: 1, minutes: 120 }), task({ assigneeId: "u1", estimatedHours: 1, minutes: 60 }), task({ estimatedHours: 3, minutes: 0 })],
      new Map([["u1", "Dana"]]),
      new Map(),
    );
    expect(e.byPerson.map((r) => [r.label, r.estimateH, r.actualH])).toEqual([["(nobody)", 3, 0], ["Dana", 2, 3]]);
  });

  it("sums by the week a task was completed, leaving open tasks out", () => {
    const e = buildEstimates(
      [task({ completedAt: "2026-11-25T10:00:00Z", minutes: 90 }), task({ completedAt: "2026-11-29T23:00:00Z", minutes: 30 }), task({ completedAt: null })],
      new Map(),
      new Map(),
    );
    expect(e.byWeek).toEqual([{ key: "2026-11-23", label: "week of 2026-11-23", estimateH: 2, actualH: 2, offH: 0, ratio: 1 }]);
  });

  it("says how much of a project's budget is left, or by how much it is over", () => {
    const e = buildEstimates(
      [task({ projectKey: "A", estimatedHours: 5, minutes: 600 }), task({ projectKey: "B", estimatedHours: 1, minutes: 30 })],
      new Map(),
      new Map([["A", 8], ["C", 4]]),
    );
    expect(e.budgets).toEqual([
      { project: "A", budgetH: 8, estimateH: 5, actualH: 10, left: -2 },
      { project: "B", budgetH: null, estimateH: 1, actualH: 0.5, left: null },
      { project: "C", budgetH: 4, estimateH: 0, actualH: 0, left: 4 },
    ]);
  });

  it("has no ratio for a task estimated at zero hours", () => {
    expect(buildEstimates([task({ estimatedHours: 0, minutes: 30 })], new Map(), new Map()).byTask[0]).toMatchObject({ offH: 0.5, ratio: null });
  });
});

describe("budgetOf", () => {
  it("reads a positive number of hours from a project's settings, and nothing else", () => {
    expect(budgetOf({ budgetHours: 40 })).toBe(40);
    for (const b of [0, -5, "40", null, Number.NaN, undefined]) expect(budgetOf({ budgetHours: b })).toBeNull();
  });
});
