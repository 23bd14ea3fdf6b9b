// Run traces on the Cloudflare engine: steps recorded as they run, the run page's waterfall, /runs' filters, and the operator's rerun,
// cancel and bulk replay, refused to people who may not act.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { D1Store } from "../../src/integrations/store-d1";
import { call, createProject, eventually } from "../support/hub";
import { addMember, createUser, tokenFor } from "../support/people";
import { failedRun, processedPullRequest, quickFailures } from "../support/runs";
import { send } from "../support/workflows";

const store = () => new D1Store(env.DB);

beforeAll(quickFailures);

const path = (workflow: string, eventId: string) => `/runs/${encodeURIComponent(workflow)}/${encodeURIComponent(eventId)}`;
const post = (to: string, body: Record<string, string> | URLSearchParams = {}, token?: string) =>
  call(to, { method: "POST", body: body instanceof URLSearchParams ? body : new URLSearchParams(body), headers: { "content-type": "application/x-www-form-urlencoded" }, token });

describe("trace recording on Cloudflare Workflows", () => {
  it("records a finished run with each step once, its start, end and output", async () => {
    const id = await processedPullRequest("TRA");
    const { run, steps } = (await store().getRunTrace({ workflow: "sync-pull-request", eventId: id }))!;
    expect(run).toMatchObject({ deliveryId: id, engine: "cloudflare", status: "complete", attempts: 1, error: null });
    expect(run.endedAt! >= run.startedAt).toBe(true);
    expect(steps.length).toBeGreaterThan(1);
    expect(new Set(steps.map((s) => s.name)).size).toBe(steps.length);
    for (const s of steps) {
      expect(s.endedAt).not.toBeNull();
      expect(s.endedAt! >= s.startedAt).toBe(true);
      if (s.kind === "run") expect(s.attempts).toBe(1); // the engine's replays of finished steps count no attempt
    }
  });

  it("records a run that gave up as errored, with the failing step's attempts and error", async () => {
    const id = await failedRun();
    const { run, steps } = (await store().getRunTrace({ workflow: "link-commits", eventId: id }))!;
    expect(run.error).toContain("has no payload");
    const failing = steps.find((s) => s.error);
    expect(failing?.error).toContain("has no payload");
    expect(failing!.attempts).toBeGreaterThan(1); // each retry is one more attempt on the same row
  });
});

describe("run page", () => {
  it("draws the run's steps as a waterfall with timing, attempts and output", async () => {
    const id = await processedPullRequest("TRB");
    const res = await call(path("sync-pull-request", id));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-status="complete"');
    expect(html).toMatch(/data-step="[^"]+"[^]*class="bar [^"]*" style="left:[\d.]+%;width:[\d.]+%"/);
    expect(html).not.toContain(">unknown<");
  });

  it("is linked from the delivery's row on /runs", async () => {
    const id = await processedPullRequest("TRC");
    const html = await (await call("/runs")).text();
    expect(html).toContain(`href="${path("sync-pull-request", id).replace(/&/g, "&amp;")}"`);
  });

  it("escapes a step's input and output", async () => {
    const k = { workflow: "link-commits", eventId: `github:xss-${crypto.randomUUID()}` };
    await store().traceRunStarted({ ...k, deliveryId: null, engine: "cloudflare", input: "<img src=x onerror=alert(1)>", at: new Date().toISOString() });
    await store().traceStepStarted({ ...k, name: "load", kind: "run", input: null, at: new Date().toISOString() });
    await store().traceStepEnded({ ...k, name: "load", output: '"<script>alert(1)</script>"', error: null, at: new Date().toISOString() });
    const html = await (await call(path(k.workflow, k.eventId))).text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(1)");
  });

  it("answers 404 for a run never recorded", async () => {
    expect((await call(path("link-commits", `github:${crypto.randomUUID()}`))).status).toBe(404);
  });
});

describe("/runs filters", () => {
  it("narrows by workflow, status and time, kept in the URL", async () => {
    const pr = await processedPullRequest("TRD");
    const failed = await failedRun();
    const byWorkflow = await (await call("/runs?workflow=sync-pull-request")).text();
    expect(byWorkflow).toContain(`data-delivery="${pr}"`);
    expect(byWorkflow).not.toContain(`data-delivery="${failed}"`);
    expect(byWorkflow).toMatch(/<option value="sync-pull-request" selected/);
    const byStatus = await (await call("/runs?status=errored")).text();
    expect(byStatus).toContain(`data-delivery="${failed}"`);
    expect(byStatus).not.toContain(`data-delivery="${pr}"`);
    const future = await (await call("/runs?since=2999-01-01")).text();
    expect(future).not.toContain(`data-delivery="${pr}"`);
    expect(future).toContain("No delivery matches these filters.");
  });
});

describe("rerun, cancel and bulk replay", () => {
  it("reruns a failed run: the same instance starts over as another attempt", async () => {
    const id = await failedRun();
    const res = await post(`${path("link-commits", id)}/rerun`, { _csrf: "" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(path("link-commits", id));
    await eventually(async () => {
      const t = await store().getRunTrace({ workflow: "link-commits", eventId: id });
      return t?.run.attempts === 2 && t.run.status === "errored";
    }, { tries: 300 });
  });

  it("refuses to rerun a run that completed with 409", async () => {
    const id = await processedPullRequest("TRE");
    expect((await post(`${path("sync-pull-request", id)}/rerun`)).status).toBe(409);
  });

  it("cancels a sleeping run: it ends terminated, and says so", async () => {
    const eventId = `due-${crypto.randomUUID()}`;
    await send("task/due.changed", eventId, { taskId: crypto.randomUUID(), dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), hasOpenPullRequests: false });
    await eventually(async () => (await store().getRunTrace({ workflow: "deadline-alerts", eventId }))?.steps.some((s) => s.kind === "sleep"), { tries: 200 });
    const page = await (await call(path("deadline-alerts", eventId))).text();
    expect(page).toContain("/cancel");
    expect((await post(`${path("deadline-alerts", eventId)}/cancel`)).status).toBe(303);
    expect((await store().getRunTrace({ workflow: "deadline-alerts", eventId }))?.run.status).toBe("terminated");
    await eventually(async () => (await (await call(path("deadline-alerts", eventId))).text()).includes('data-status="terminated"'));
  });

  it("refuses to cancel a run that has ended with 409", async () => {
    const id = await processedPullRequest("TRF");
    expect((await post(`${path("sync-pull-request", id)}/cancel`)).status).toBe(409);
  });

  it("replays the selected failed deliveries at once", async () => {
    const [a, b] = [await failedRun(), await failedRun()];
    const body = new URLSearchParams([["scope", "selected"], ["id", a], ["id", b]]);
    expect((await post("/runs/replay", body)).status).toBe(303);
    for (const id of [a, b]) expect((await store().getDelivery(id))?.status).toBe("emitted");
    // Each replay is a new event for the same delivery: its run shows on the delivery's row.
    await eventually(async () => (await store().tracedRuns([a])).some((t) => t.eventId.startsWith(`${a}:replay:`)), { tries: 200 });
  });

  it("replays every failed delivery when asked for all", async () => {
    const id = await failedRun();
    expect((await post("/runs/replay", { scope: "all failed" })).status).toBe(303);
    expect((await store().getDelivery(id))?.status).toBe("emitted");
  });
});

describe("who may see and act", () => {
  async function viewerOf(project: string) {
    const user = await createUser(`${project.toLowerCase()}-${crypto.randomUUID()}@example.com`);
    await addMember(project, user.id, "viewer");
    return tokenFor(user.id, ["read", "write"]);
  }

  it("shows a person the run of a delivery of a project they read", async () => {
    const id = await processedPullRequest("TRG");
    expect((await call(path("sync-pull-request", id), { token: await viewerOf("TRG") })).status).toBe(200);
  });

  it("answers a person 404 for a run of another project's delivery, and of no delivery", async () => {
    const id = await processedPullRequest("TRH");
    await createProject("TRI");
    const stranger = await viewerOf("TRI");
    expect((await call(path("sync-pull-request", id), { token: stranger })).status).toBe(404);
    const eventId = `due-${crypto.randomUUID()}`;
    await store().traceRunStarted({ workflow: "deadline-alerts", eventId, deliveryId: null, engine: "cloudflare", input: "{}", at: new Date().toISOString() });
    expect((await call(path("deadline-alerts", eventId), { token: stranger })).status).toBe(404);
  });

  it("refuses a viewer's rerun, cancel and bulk replay with 403, and offers them no buttons", async () => {
    const id = await processedPullRequest("TRJ");
    const viewer = await viewerOf("TRJ");
    const page = await (await call(path("sync-pull-request", id), { token: viewer })).text();
    expect(page).not.toMatch(/\/(rerun|cancel)"/);
    expect((await call("/runs", { token: viewer }).then((r) => r.text()))).not.toContain("bulk-replay");
    for (const verb of ["rerun", "cancel"]) expect((await post(`${path("sync-pull-request", id)}/${verb}`, {}, viewer)).status).toBe(403);
    expect((await post("/runs/replay", { scope: "all failed" }, viewer)).status).toBe(403);
  });
});
