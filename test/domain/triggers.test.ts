// Which events start which workflows (src/workflows/define.ts triggeredBy), as the Cloudflare engine decides it.
import { describe, expect, it } from "vitest";
import type { Task } from "../../src/domain/tasks";
import type { WatchedTasks } from "../../src/ports/store";
import { workflows, workflowsByEvent } from "../../src/workflows";
import { cronEvent, defineWorkflow, eventTriggers, triggeredBy } from "../../src/workflows/define";
import { eventSchemas, makeEvent, type EventName } from "../../src/workflows/events";
import { taskChanged } from "../../src/workflows/task-changed";
import { taskFinished } from "../../src/workflows/task-finished";
import { taskEvents } from "../../src/workflows/task-events";

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

describe("the table of src/workflows/index.ts", () => {
  const declared = (name: EventName) =>
    workflows.filter((w) => ("cron" in w.on ? name === "cron/ticked" : eventTriggers(w.on).some((t) => ([] as string[]).concat(t.event).includes(name)))).map((w) => w.id);

  it.each(Object.keys(eventSchemas) as EventName[])("lists under %s exactly the workflows that declare it as their trigger", (name) => {
    expect(workflowsByEvent[name].map((w) => w.id).sort()).toEqual(declared(name).sort());
  });
});

describe("follow-up runs start only where a task change has work for them", () => {
  const at = "2026-11-25T10:00:00Z";
  const task = { id: "t1", status: "completed", version: 2, dueAt: null } as Task;
  const completed = (watched: WatchedTasks) => taskEvents([{ task, from: { status: "in_progress", dueAt: null } }], at, watched);
  const none: WatchedTasks = { withDependents: [], withOpenPullRequests: [] };

  it("chases dependents of a completed task others depend on", () => {
    const [event] = completed({ ...none, withDependents: ["t1"] });
    expect(triggeredBy(taskFinished, event)).toBe(true);
    expect(triggeredBy(taskChanged, event)).toBe(false);
  });

  it("starts no chase and no comment refresh for a completed task nobody depends on and no open PR shows", () => {
    const [event] = completed(none);
    expect(event.data).toMatchObject({ hasDependents: false, hasOpenPullRequests: false });
    expect(workflows.filter((w) => triggeredBy(w, event)).map((w) => w.id)).toEqual([]);
  });

  it("refreshes the comments of a task's open pull requests when its due date moves", () => {
    const moved = taskEvents([{ task: { ...task, status: "todo", dueAt: "2026-12-01T00:00:00Z" }, from: { status: "todo", dueAt: null } }], at, { ...none, withOpenPullRequests: ["t1"] });
    expect(moved.map((e) => e.name)).toEqual(["task/due.changed"]);
    expect(workflows.filter((w) => triggeredBy(w, moved[0])).map((w) => w.id).sort()).toEqual(["deadline-alerts", "refresh-pull-request-comments"]);
  });

  it("takes an event without hints as watched, so a follow-up is never missed", () => {
    const bare = makeEvent("task/status.changed", "s-bare", { taskId: "t1", from: "todo", to: "completed" }, at);
    expect(triggeredBy(taskFinished, bare)).toBe(true);
    expect(triggeredBy(taskChanged, bare)).toBe(true);
  });
});
