// The SessionStart context a new Claude Code session receives.
import { describe, expect, it } from "vitest";
import { formatContext, type ContextTask } from "../../src/domain/context";

const task = (key: string, extra: Partial<ContextTask> = {}): ContextTask => ({
  key, title: `Task ${key}`, status: "todo", priority: "medium", dueAt: null, blocked: false, ...extra,
});

describe("formatContext", () => {
  it("is empty when there is nothing open", () => {
    expect(formatContext("HUB", [])).toBe("");
  });

  it("puts urgent unblocked work first and blocked work last", () => {
    const text = formatContext("HUB", [task("HUB-1", { blocked: true, priority: "urgent" }), task("HUB-2"), task("HUB-3", { priority: "urgent" })]);
    const order = [...text.matchAll(/^- (HUB-\d)/gm)].map((m) => m[1]);
    expect(order).toEqual(["HUB-3", "HUB-2", "HUB-1"]);
  });

  it("stays within 2,000 characters and says how many it left out", () => {
    const many = Array.from({ length: 200 }, (_, i) => task(`HUB-${i + 1}`, { title: "a fairly long title for a task ".repeat(3) }));
    const text = formatContext("HUB", many);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toMatch(/…and \d+ more$/);
  });
});
