// How the Inngest adapter maps a definition to Inngest's options, and what it sends.

import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { InngestEngine, toInngestFunction } from "../../src/integrations/engine-inngest";
import { createInngestClient } from "../../src/integrations/inngest-client";
import type { Services } from "../../src/services";
import { cronEvent, defineWorkflow } from "../../src/workflows/define";
import { makeEvent } from "../../src/workflows/events";
import { taskFinished } from "../../src/workflows/task-finished";

const client = createInngestClient({ INNGEST_EVENT_KEY: "k", INNGEST_SIGNING_KEY: "signkey-test-00", INNGEST_DEV: undefined });
const noServices = () => ({}) as Services;
const opts = (wf: Parameters<typeof toInngestFunction>[1]) => (toInngestFunction(client, wf, noServices) as unknown as { opts: Record<string, unknown> }).opts;

const received: unknown[] = [];
const server = setupServer(
  http.post("https://inn.gs/e/k", async ({ request }) => {
    const body = (await request.json()) as unknown[];
    received.push(...body);
    return HttpResponse.json({ ids: body.map(() => "x"), status: 200 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

it("puts event triggers and retries in the function's options", () => {
  const wf = defineWorkflow({ id: "a", on: { event: ["claude/hook.received", "claude/transcript.received"] }, retries: 5 }, async () => null);
  expect(opts(wf)).toMatchObject({ id: "a", retries: 5, triggers: [{ event: "claude/hook.received" }, { event: "claude/transcript.received" }] });
});

it("turns a cron definition into a cron trigger", () => {
  expect(opts(defineWorkflow({ id: "b", on: { cron: "0 * * * *" } }, async () => null)).triggers).toEqual([{ cron: "0 * * * *" }]);
});

it("narrows an event trigger with an if expression built from its when", () => {
  const wf = defineWorkflow({ id: "w", on: { event: "task/status.changed", when: { to: ["completed", "cancelled"] } } }, async () => null);
  expect(opts(wf).triggers).toEqual([{ event: "task/status.changed", if: '(event.data.to == "completed" || event.data.to == "cancelled")' }]);
});

it("compares a boolean hint in the if expression as a boolean, not a string", () => {
  const wf = defineWorkflow({ id: "h", on: { event: "task/status.changed", when: { to: ["completed"], hasDependents: [true] } } }, async () => null);
  expect(opts(wf).triggers).toEqual([{ event: "task/status.changed", if: '(event.data.to == "completed") && (event.data.hasDependents == true)' }]);
});

it("gives each event trigger of a chase its own if: the unbatched completion, and the batch with a chase in it", () => {
  expect(opts(taskFinished).triggers).toEqual([
    { event: "task/status.changed", if: '(event.data.to == "completed" || event.data.to == "cancelled") && (event.data.hasDependents == true) && (event.data.batched == false)' },
    { event: "task/follow-ups.requested", if: "(event.data.chase == true)" },
  ]);
});

it("maps the concurrency key to a CEL expression over the event, one run at a time", () => {
  const wf = defineWorkflow({ id: "c", on: { event: "claude/hook.received" }, concurrencyKey: "data.sessionId" }, async () => null);
  expect(opts(wf).concurrency).toEqual([{ key: "event.data.sessionId", limit: 1 }]);
});

it("maps cancel-on to match, or to an if expression when it also filters the later event", () => {
  const wf = defineWorkflow(
    {
      id: "d", on: { event: "task/due.changed" },
      cancelOn: [{ event: "task/due.changed", match: "data.taskId" }, { event: "task/status.changed", match: "data.taskId", where: { "data.to": "completed" } }],
    },
    async () => null,
  );
  expect(opts(wf).cancelOn).toEqual([
    { event: "task/due.changed", match: "data.taskId" },
    { event: "task/status.changed", if: 'async.data.taskId == event.data.taskId && async.data.to == "completed"' },
  ]);
});

it("sends events with their ids, and leaves the Worker's cron ticks out (Inngest runs crons itself)", async () => {
  const engine = new InngestEngine(client, []);
  const e = makeEvent("task/due.changed", "due-t1-2026", { taskId: "t1", dueAt: null }, "2026-01-01T00:00:00.000Z");
  await engine.send([e, cronEvent("0 * * * *", Date.parse("2026-01-01T00:00:00Z"))]);
  expect(received).toEqual([{ id: "due-t1-2026", name: "task/due.changed", data: { taskId: "t1", dueAt: null, hasOpenPullRequests: true, batched: false }, ts: Date.parse(e.ts) }]);
});

it("names the runs an event starts by the event's id, one per workflow it triggers, in a state it cannot read", async () => {
  const pushes = defineWorkflow({ id: "pushes", on: { event: "github/push.received" } }, async () => null);
  const hooks = defineWorkflow({ id: "hooks", on: { event: "claude/hook.received" } }, async () => null);
  const engine = new InngestEngine(client, [pushes, hooks]);
  const e = makeEvent("github/push.received", "delivery-1", { deliveryId: "delivery-1" }, "2026-01-01T00:00:00.000Z");
  expect(await engine.runs(e)).toEqual([{ workflow: "pushes", instance: "delivery-1", status: "unknown" }]);
});
