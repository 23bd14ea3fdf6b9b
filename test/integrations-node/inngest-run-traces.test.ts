// Run traces on Inngest (@inngest/test, msw for Inngest's APIs): steps recorded by us, a status that is never "unknown", and
// cancel and rerun through Inngest's REST and event APIs.

import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UseCaseContext } from "../../src/app/context";
import { runsOfDelivery } from "../../src/app/ingress";
import { cancelRun, rerunRun, runView } from "../../src/app/runs";
import { InngestTestEngine } from "@inngest/test";
import { CANCELLATION_RECORDER_ID, InngestEngine } from "../../src/integrations/engine-inngest";
import { makeEvent } from "../../src/workflows/events";
import { runOf } from "../contract/engine-harness";
import { inngestHarness } from "../contract/inngest-harness";
import { nodeD1 } from "../support/node-d1";

const server = setupServer();
let d1: Awaited<ReturnType<typeof nodeD1>>;
let h: ReturnType<typeof inngestHarness>;
let key: string;
const now = () => new Date().toISOString();

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  d1 = await nodeD1();
  h = inngestHarness(server, d1.db);
}, 120_000); // Miniflare's D1 starts slowly on a shared machine
afterAll(async () => {
  server.close();
  await d1.dispose();
});
beforeEach(async () => {
  key = Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");
  await h.services.store.createProject({ key, name: key, repos: [`acme/${key.toLowerCase()}`], paths: [], at: now() });
});

const store = () => h.services.store;
const operator = (): UseCaseContext => ({ asker: { admin: true, userId: null, scopes: ["admin"] }, actor: "admin", services: h.services });

/** A push naming a task, recorded as ingress records it; returns the delivery id (the event's id too). */
async function push(payload: string | null = null) {
  const task = await store().createTask({ projectKey: key, title: "Fix login" }, "admin", now());
  const deliveryId = `github:${crypto.randomUUID()}`;
  const repo = `acme/${key.toLowerCase()}`;
  const commit = { sha: "b".repeat(40), message: `Fixes ${task.key}`, url: `https://github.com/${repo}/commit/${"b".repeat(40)}`, at: now(), author: "octo" };
  const body = payload === null ? JSON.stringify({ repo, defaultBranch: "main", ref: "refs/heads/main", actor: "octo", commits: [commit] }) : payload;
  await store().recordDelivery({ id: deliveryId, source: "github", event: "push", payload: body, at: now() });
  await store().setDeliveryStatus(deliveryId, "emitted");
  return deliveryId;
}

describe("trace recording on Inngest", () => {
  it("records the run and each step it ran, once, with its output", async () => {
    const deliveryId = await push();
    const run = runOf(await h.deliver([makeEvent("github/push.received", deliveryId, { deliveryId }, now())]), "link-commits");
    const trace = (await store().getRunTrace({ workflow: "link-commits", eventId: deliveryId }))!;
    expect(trace.run).toMatchObject({ deliveryId, engine: "inngest", status: "complete", attempts: 1, error: null });
    expect(trace.steps.map((s) => s.name)).toEqual(run.steps);
    // Inngest runs the function once per step, replaying earlier steps from its memo: none of those counts again.
    for (const s of trace.steps.filter((x) => x.kind === "run")) expect(s.attempts).toBe(1);
    expect(trace.steps.find((s) => s.name === "load-push")?.output).toContain("refs/heads/main");
  });

  it("shows the run's status from our trace, never unknown", async () => {
    const deliveryId = await push();
    const d = (await store().getDelivery(deliveryId))!;
    expect((await runsOfDelivery(h.services, d)).runs.map((r) => r.status)).toEqual(["queued"]); // sent, not started yet
    await h.deliver([makeEvent("github/push.received", deliveryId, { deliveryId }, now())]);
    const { runs } = await runsOfDelivery(h.services, (await store().getDelivery(deliveryId))!);
    expect(runs).toEqual([{ workflow: "link-commits", instance: deliveryId, eventId: deliveryId, status: "complete" }]);
  });

  it("shows a run that gave up as errored, and offers its delivery for a replay", async () => {
    const deliveryId = await push("not json");
    await h.deliver([makeEvent("github/push.received", deliveryId, { deliveryId }, now())]);
    const { runs, replayable } = await runsOfDelivery(h.services, (await store().getDelivery(deliveryId))!);
    expect(runs.map((r) => r.status)).toEqual(["errored"]);
    expect(replayable).toBe(true);
    expect((await store().getRunTrace({ workflow: "link-commits", eventId: deliveryId }))!.run.error).toBeTruthy();
  });
});

describe("cancel and rerun on Inngest", () => {
  it("cancels a run through Inngest's cancellation API, narrowed to the function and the event", async () => {
    let body: Record<string, string> | null = null;
    let auth: string | null = null;
    server.use(
      http.post("https://api.inngest.com/v1/cancellations", async ({ request }) => {
        body = (await request.json()) as Record<string, string>;
        auth = request.headers.get("authorization");
        return HttpResponse.json({ id: "01HMRMPE5ZQ4AMNJ3S2N79QGRZ" });
      }),
    );
    const startedAt = "2026-12-01T10:00:00.000Z";
    await (h.services.engine as InngestEngine).cancel("deadline-alerts", "due-1", startedAt);
    expect(auth).toBe("Bearer signkey-test-00");
    expect(body).toMatchObject({ app_id: "taskhub", function_id: "deadline-alerts", started_after: "2026-12-01T09:59:00.000Z", if: 'event.id == "due-1"' });
    expect(Date.parse(body!.started_before)).toBeGreaterThan(Date.parse(startedAt));
  });

  it("fails a cancellation Inngest refuses, saying why", async () => {
    server.use(http.post("https://api.inngest.com/v1/cancellations", () => HttpResponse.json({ error: "bad if" }, { status: 400 })));
    await expect((h.services.engine as InngestEngine).cancel("deadline-alerts", "due-2", now())).rejects.toThrow(/400.*bad if/);
  });

  it("reruns by sending the event again under a fresh id, which starts the workflow anew", async () => {
    const deliveryId = await push("not json");
    const ev = makeEvent("github/push.received", deliveryId, { deliveryId }, now());
    await h.deliver([ev]);
    const before = h.startedCount();
    const fresh = await h.services.engine.rerun("link-commits", deliveryId, ev, `${deliveryId}:rerun:1`);
    expect(fresh).toBe(`${deliveryId}:rerun:1`);
    const [rerun] = await h.drain(before);
    expect(rerun.workflowId).toBe("link-commits");
    expect((await store().tracedRuns([deliveryId])).map((t) => t.eventId)).toEqual([deliveryId, `${deliveryId}:rerun:1`]);
  });

  it("cancels a running run from the run page's use case: Inngest is asked, and our trace says terminated", async () => {
    let asked = 0;
    server.use(http.post("https://api.inngest.com/v1/cancellations", () => (asked++, HttpResponse.json({ id: "01HMRMPE5ZQ4AMNJ3S2N79QGRZ" }))));
    const eventId = `due-${crypto.randomUUID()}`;
    await store().traceRunStarted({ workflow: "deadline-alerts", eventId, deliveryId: null, engine: "inngest", input: "{}", at: now() });
    expect((await runView(operator(), "deadline-alerts", eventId)).mayCancel).toBe(true);
    await cancelRun(operator(), "deadline-alerts", eventId);
    expect(asked).toBe(1);
    expect(await runView(operator(), "deadline-alerts", eventId)).toMatchObject({ status: "terminated", mayCancel: false, mayRerun: true });
  });

  it("reruns a delivery's errored run from the use case: a new run under a new id, and the delivery emitted again", async () => {
    const deliveryId = await push("not json");
    await h.deliver([makeEvent("github/push.received", deliveryId, { deliveryId }, now())]);
    const before = h.startedCount();
    const fresh = await rerunRun(operator(), "link-commits", deliveryId);
    expect(fresh).toMatch(new RegExp(`^${deliveryId}:rerun:\\d+$`));
    expect((await store().getDelivery(deliveryId))?.status).toBe("emitted");
    await h.drain(before);
    expect((await store().getRunTrace({ workflow: "link-commits", eventId: fresh }))?.run.deliveryId).toBe(deliveryId);
  });

  it("refuses to rerun on Inngest a run whose event cannot be rebuilt (no delivery) with a conflict", async () => {
    const eventId = `due-${crypto.randomUUID()}`;
    await store().traceRunStarted({ workflow: "deadline-alerts", eventId, deliveryId: null, engine: "inngest", input: "{}", at: now() });
    await store().traceRunEnded({ workflow: "deadline-alerts", eventId, status: "errored", error: "boom", at: now() });
    await expect(rerunRun(operator(), "deadline-alerts", eventId)).rejects.toMatchObject({ code: "conflict" });
  });

  it("marks a run Inngest cancelled itself (cancelOn, timeout, dashboard) terminated, from its function.cancelled event", async () => {
    const eventId = `due-${crypto.randomUUID()}`;
    await store().traceRunStarted({ workflow: "deadline-alerts", eventId, deliveryId: null, engine: "inngest", input: "{}", at: now() });
    const recorder = (h.services.engine as InngestEngine).functions(h.services).find((f) => f.id() === CANCELLATION_RECORDER_ID || f.id().endsWith(`-${CANCELLATION_RECORDER_ID}`))!;
    const data = { function_id: "taskhub-deadline-alerts", run_id: "01J", error: { message: "function cancelled", name: "Error" }, event: { id: eventId, name: "task/due.changed", data: {} } };
    const out = await new InngestTestEngine({ function: recorder, events: [{ name: "inngest/function.cancelled", data } as never] }).execute();
    expect((out as { result: unknown }).result).toEqual({ recorded: true });
    expect((await store().getRunTrace({ workflow: "deadline-alerts", eventId }))?.run).toMatchObject({ status: "terminated", error: "cancelled by Inngest" });
  });
});
