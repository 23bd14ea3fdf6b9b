// /api/runs: the runs /runs shows and one run's trace, for scripts; the operator's rerun, cancel and bulk replay, refused to
// everyone else without changing anything. The same use cases as the pages, so the answers match what the pages show.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { D1Store } from "../../src/integrations/store-d1";
import { call, createProject, eventually } from "../support/hub";
import { addMember, createUser, tokenFor } from "../support/people";
import { failedRun, processedPullRequest, quickFailures } from "../support/runs";
import { send } from "../support/workflows";

const store = () => new D1Store(env.DB);

beforeAll(quickFailures);

const api = (workflow: string, eventId: string) => `/api/runs/${encodeURIComponent(workflow)}/${encodeURIComponent(eventId)}`;
const page = (workflow: string, eventId: string) => `/runs/${encodeURIComponent(workflow)}/${encodeURIComponent(eventId)}`;
const post = (path: string, token?: string, json: unknown = {}) => call(path, { method: "POST", json, token });

interface Row {
  delivery: { id: string; status: string };
  runs: { workflow: string; eventId: string; status: string }[];
}
const list = async (query = "", token?: string) => {
  const res = await call(`/api/runs${query}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { runs: Row[]; nextCursor: string | null };
};
const idsOf = (rows: Row[]) => rows.map((r) => r.delivery.id);
const pageIds = async (query = "") => [...(await (await call(`/runs${query}`)).text()).matchAll(/data-delivery="([^"]+)"/g)].map((m) => m[1]);

async function expectError(res: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(await res.json()).toMatchObject({ code, message: expect.any(String), timestamp: expect.any(String), requestId: expect.any(String) });
}

/** A person holding `role` in a project, with a read and write token (so only the role, not the scope, can refuse). */
async function personIn(project: string, role: "viewer" | "owner") {
  const user = await createUser(`${project.toLowerCase()}-${crypto.randomUUID()}@example.com`);
  await addMember(project, user.id, role);
  return tokenFor(user.id, ["read", "write"]);
}

describe("GET /api/runs", () => {
  it("lists the deliveries /runs shows, in the same order", async () => {
    await processedPullRequest("ARA");
    await failedRun();
    expect(idsOf((await list("?limit=100")).runs)).toEqual(await pageIds());
  });

  it("gives each delivery its runs, named as their trace pages are", async () => {
    const id = await processedPullRequest("ARB");
    const row = (await list("?limit=100")).runs.find((r) => r.delivery.id === id)!;
    expect(row.runs).toContainEqual(expect.objectContaining({ workflow: "sync-pull-request", eventId: id, status: "complete" }));
    expect(await (await call("/runs")).text()).toContain(`href="${page("sync-pull-request", id)}"`);
  });

  it("narrows by workflow and status as /runs does", async () => {
    const pr = await processedPullRequest("ARC");
    const failed = await failedRun();
    const byWorkflow = idsOf((await list("?workflow=sync-pull-request&limit=100")).runs);
    expect(byWorkflow).toContain(pr);
    expect(byWorkflow).not.toContain(failed);
    expect(byWorkflow).toEqual(await pageIds("?workflow=sync-pull-request"));
    const byStatus = idsOf((await list("?status=errored&limit=100")).runs);
    expect(byStatus).toContain(failed);
    expect(byStatus).not.toContain(pr);
  });

  it("lists nothing received before since", async () => {
    await processedPullRequest("ARD");
    expect((await list("?since=2999-01-01")).runs).toEqual([]);
  });

  it("pages with limit and nextCursor: every delivery once, in order", async () => {
    await failedRun();
    await failedRun();
    await failedRun();
    const all = idsOf((await list("?limit=100")).runs);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: { runs: Row[]; nextCursor: string | null } = await list(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(p.runs.length).toBeLessThanOrEqual(2);
      seen.push(...idsOf(p.runs));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("refuses an unknown workflow, status or since, a cursor it did not issue and a limit out of range with 400", async () => {
    for (const q of ["?workflow=no-such-workflow", "?status=exploded", "?since=yesterday", "?cursor=bm90LW91cnM", "?limit=0", "?limit=101"]) {
      await expectError(await call(`/api/runs${q}`), 400, "invalid_request");
    }
  });

  it("lists a person the deliveries of projects they read, and not another project's", async () => {
    const ours = await processedPullRequest("ARE");
    const theirs = await processedPullRequest("ARF");
    const ids = idsOf((await list("?limit=100", await personIn("ARE", "viewer"))).runs);
    expect(ids).toContain(ours);
    expect(ids).not.toContain(theirs);
  });
});

describe("GET /api/runs/{workflow}/{eventId}", () => {
  it("answers the run and its steps as the trace page shows them", async () => {
    const id = await processedPullRequest("ARG");
    const res = await call(api("sync-pull-request", id));
    expect(res.status).toBe(200);
    const run = (await res.json()) as { status: string; steps: { name: string }[] };
    const html = await (await call(page("sync-pull-request", id))).text();
    expect(run).toMatchObject({ status: "complete", attempts: 1, deliveryId: id, mayRerun: false, mayCancel: false });
    expect(html).toContain(`data-status="${run.status}"`);
    expect(run.steps.map((s) => s.name)).toEqual([...html.matchAll(/data-step="([^"]+)"/g)].map((m) => m[1]));
    for (const s of run.steps) expect(s).toMatchObject({ endedAt: expect.any(String), attempts: 1 });
  });

  it("answers a failed run's error and the failing step's attempts, and offers the operator a rerun", async () => {
    const id = await failedRun();
    const run = (await (await call(api("link-commits", id))).json()) as { status: string; error: string; mayRerun: boolean; steps: { error: string | null; attempts: number }[] };
    expect(run).toMatchObject({ status: "errored", mayRerun: true });
    expect(run.error).toContain("has no payload");
    const failing = run.steps.find((s) => s.error)!;
    expect(failing.error).toContain("has no payload");
    expect(failing.attempts).toBeGreaterThan(1);
  });

  it("shows a viewer of the delivery's project the run, but offers no rerun or cancel", async () => {
    const id = await processedPullRequest("ARH");
    const res = await call(api("sync-pull-request", id), { token: await personIn("ARH", "viewer") });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mayRerun: false, mayCancel: false });
  });

  it("answers a person 404 for a run of another project's delivery", async () => {
    const id = await processedPullRequest("ARI");
    await createProject("ARJ");
    await expectError(await call(api("sync-pull-request", id), { token: await personIn("ARJ", "owner") }), 404, "not_found");
  });

  it("answers 404 for a run never recorded", async () => {
    await expectError(await call(api("link-commits", `github:${crypto.randomUUID()}`)), 404, "not_found");
  });
});

describe("POST /api/runs/{workflow}/{eventId}/rerun and /cancel", () => {
  it("reruns a failed run: 202, and it starts over as another attempt", async () => {
    const id = await failedRun();
    const res = await post(`${api("link-commits", id)}/rerun`);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ workflow: "link-commits", eventId: id });
    await eventually(async () => (await store().getRunTrace({ workflow: "link-commits", eventId: id }))?.run.attempts === 2, { tries: 300 });
  });

  it("refuses to rerun a run that completed with 409, and runs nothing", async () => {
    const id = await processedPullRequest("ARK");
    await expectError(await post(`${api("sync-pull-request", id)}/rerun`), 409, "conflict");
    expect((await store().getRunTrace({ workflow: "sync-pull-request", eventId: id }))?.run).toMatchObject({ attempts: 1, status: "complete" });
  });

  it("cancels a sleeping run: it ends terminated", async () => {
    const eventId = `due-${crypto.randomUUID()}`;
    await send("task/due.changed", eventId, { taskId: crypto.randomUUID(), dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), hasOpenPullRequests: false });
    await eventually(async () => (await store().getRunTrace({ workflow: "deadline-alerts", eventId }))?.steps.some((s) => s.kind === "sleep"), { tries: 200 });
    const res = await post(`${api("deadline-alerts", eventId)}/cancel`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ workflow: "deadline-alerts", eventId, status: "terminated" });
    expect((await store().getRunTrace({ workflow: "deadline-alerts", eventId }))?.run.status).toBe("terminated");
  });

  it("refuses to cancel a run that has ended with 409", async () => {
    const id = await processedPullRequest("ARL");
    await expectError(await post(`${api("sync-pull-request", id)}/cancel`), 409, "conflict");
  });

  it("refuses a viewer's rerun and cancel with 403, and the run is not run again", async () => {
    const id = await processedPullRequest("ARM");
    const failed = await failedRun();
    const viewer = await personIn("ARM", "viewer");
    await expectError(await post(`${api("link-commits", failed)}/rerun`, viewer), 403, "forbidden");
    await expectError(await post(`${api("sync-pull-request", id)}/cancel`, viewer), 403, "forbidden");
    expect((await store().getRunTrace({ workflow: "link-commits", eventId: failed }))?.run.attempts).toBe(1);
    expect((await store().getDelivery(failed))?.status).toBe("failed");
  });
});

describe("POST /api/runs/replay", () => {
  it("replays the named failed deliveries and skips one that is not replayable", async () => {
    const [a, b] = [await failedRun(), await failedRun()];
    const done = await processedPullRequest("ARN");
    const res = await post("/api/runs/replay", undefined, { ids: [a, b, done] });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ replayed: [a, b], skipped: [done] });
    for (const id of [a, b]) expect((await store().getDelivery(id))?.status).toBe("emitted");
    await eventually(async () => (await store().tracedRuns([a])).some((t) => t.eventId.startsWith(`${a}:replay:`)), { tries: 200 });
  });

  it("replays every failed delivery when asked for all failed", async () => {
    const id = await failedRun();
    const res = await post("/api/runs/replay", undefined, { scope: "all failed" });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { replayed: string[] }).replayed).toContain(id);
    expect((await store().getDelivery(id))?.status).toBe("emitted");
  });

  it("refuses a body naming no deliveries, or both ids and scope, with 400, and replays nothing", async () => {
    const id = await failedRun();
    for (const json of [{}, { ids: [] }, { ids: [id], scope: "all failed" }, { scope: "everything" }]) {
      await expectError(await post("/api/runs/replay", undefined, json), 400, "invalid_request");
    }
    expect((await store().getDelivery(id))?.status).toBe("failed");
  });

  it("refuses a person's replay with 403, even an owner's, and replays nothing", async () => {
    const id = await failedRun();
    await createProject("ARO");
    await expectError(await post("/api/runs/replay", await personIn("ARO", "owner"), { ids: [id] }), 403, "forbidden");
    expect((await store().getDelivery(id))?.status).toBe("failed");
  });

  it("refuses a read token's replay with 403, and replays nothing", async () => {
    const id = await failedRun();
    const read = ((await (await call("/api/tokens", { method: "POST", json: { name: "runs-reader", scopes: ["read"] } })).json()) as { token: string }).token;
    await expectError(await post("/api/runs/replay", read, { scope: "all failed" }), 403, "forbidden");
    expect((await store().getDelivery(id))?.status).toBe("failed");
  });
});
