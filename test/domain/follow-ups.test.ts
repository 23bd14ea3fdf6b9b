// A burst's task follow-ups batched (src/domain/follow-ups.ts): one event per hundred tasks, taken by one run per follow-up workflow.
import { describe, expect, it } from "vitest";
import { batchFollowUps, FOLLOW_UPS_PER_EVENT } from "../../src/domain/follow-ups";
import { makeEvent, type EventData, type EventEnvelope } from "../../src/domain/events";
import { workflows } from "../../src/workflows";
import { triggeredBy } from "../../src/workflows/define";

const at = "2026-12-01T10:00:00Z";
const finished = (n: number, hints = { hasDependents: true, hasOpenPullRequests: false }) =>
  makeEvent("task/status.changed", `status-t${n}-2`, { taskId: `t${n}`, from: "in_progress", to: "completed", ...hints }, at);
const started = (n: number) => makeEvent("task/status.changed", `status-t${n}-2`, { taskId: `t${n}`, from: "todo", to: "in_progress", hasDependents: true, hasOpenPullRequests: false }, at);
const dueMoved = (n: number) => makeEvent("task/due.changed", `due-t${n}-x`, { taskId: `t${n}`, dueAt: "2026-12-05T00:00:00Z", hasOpenPullRequests: true }, at);
const runsOf = (events: EventEnvelope[]) => events.flatMap((e) => workflows.filter((w) => triggeredBy(w, e)).map((w) => w.id));
const batches = (events: EventEnvelope[]) => events.filter((e) => e.name === "task/follow-ups.requested") as EventEnvelope<"task/follow-ups.requested">[];

describe("a burst's follow-ups", () => {
  it("start one chase for 300 finished tasks per hundred, not 300", () => {
    const out = batchFollowUps(Array.from({ length: 300 }, (_, i) => finished(i)), at);
    expect(batches(out).map((b) => b.data.items.length)).toEqual([FOLLOW_UPS_PER_EVENT, FOLLOW_UPS_PER_EVENT, FOLLOW_UPS_PER_EVENT]);
    expect(runsOf(out)).toEqual(["chase-dependencies", "chase-dependencies", "chase-dependencies"]);
  });

  it("carry every task's event once, with its own id", () => {
    const events = Array.from({ length: 150 }, (_, i) => finished(i));
    const items = batches(batchFollowUps(events, at)).flatMap((b) => b.data.items);
    expect(items.map((i) => i.id)).toEqual(events.map((e) => e.id));
  });

  it("get the same batch id when sent again, so a retried send starts nothing twice", () => {
    const events = [finished(1), finished(2)];
    expect(batches(batchFollowUps(events, at))[0].id).toBe(batches(batchFollowUps(events, "2026-12-02T00:00:00Z"))[0].id);
    expect(batches(batchFollowUps([finished(1)], at))[0].id).not.toBe(batches(batchFollowUps(events, at))[0].id);
  });

  it("start nothing when no follow-up workflow has work in them", () => {
    expect(batchFollowUps([started(1), finished(2, { hasDependents: false, hasOpenPullRequests: false })], at).filter((e) => runsOf([e]).length)).toEqual([]);
  });

  it("keep deadline alerts one run per task: each due change also goes alone, marked batched", () => {
    const out = batchFollowUps([dueMoved(1), dueMoved(2)], at);
    expect(runsOf(out).sort()).toEqual(["deadline-alerts", "deadline-alerts", "refresh-pull-request-comments"]);
    const alone = out.filter((e) => e.name === "task/due.changed");
    expect(alone.map((e) => (e.data as EventData<"task/due.changed">).batched)).toEqual([true, true]);
  });

  it("send each finish alone too, marked batched, for Inngest to cancel a sleeping deadline run by, starting nothing", () => {
    const out = batchFollowUps([finished(1)], at);
    const alone = out.filter((e) => e.name === "task/status.changed");
    expect(alone).toHaveLength(1);
    expect(runsOf(alone)).toEqual([]);
  });

  it("pass other events through untouched", () => {
    const push = makeEvent("github/push.received", "d1", { deliveryId: "d1" }, at);
    expect(batchFollowUps([push], at)).toEqual([push]);
  });
});

it("a per-task event sent alone (a replay, a run from before batches) still starts its run", () => {
  expect(runsOf([finished(1)])).toEqual(["chase-dependencies"]);
});
