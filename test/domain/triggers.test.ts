// Which events start which workflows (src/workflows/define.ts triggeredBy), as the Cloudflare engine decides it.
import { expect, it } from "vitest";
import { cronEvent, defineWorkflow, triggeredBy } from "../../src/workflows/define";
import { makeEvent } from "../../src/workflows/events";

const statusChanged = (to: string) => makeEvent("task/status.changed", `s-${to}`, { taskId: "t1", from: "todo", to }, "2026-11-25T10:00:00Z");
const chase = defineWorkflow({ id: "chase", on: { event: "task/status.changed", when: { to: ["completed", "cancelled"] } } }, async () => null);

it("starts a workflow for an event its when allows", () => {
  expect(triggeredBy(chase, statusChanged("completed"))).toBe(true);
});

it("starts nothing for an event its when rules out", () => {
  expect(triggeredBy(chase, statusChanged("in_progress"))).toBe(false);
});

it("matches a cron workflow only to the ticks of its own schedule", () => {
  const hourly = defineWorkflow({ id: "h", on: { cron: "0 * * * *" } }, async () => null);
  expect(triggeredBy(hourly, cronEvent("0 * * * *", Date.now()))).toBe(true);
  expect(triggeredBy(hourly, cronEvent("*/15 * * * *", Date.now()))).toBe(false);
});
