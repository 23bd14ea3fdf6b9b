// The runs page: each delivery's workflow runs with their live status from the engine, and the replay button re-running a failed delivery's workflow.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CloudflareEngine } from "../../src/integrations/engine-cloudflare";
import { D1Store } from "../../src/integrations/store-d1";
import { workflows } from "../../src/workflows";
import { pullRequestPayload, pushPayload } from "../support/github-payloads";
import { call, createProject, eventually, webhook } from "../support/hub";
import { newTask } from "../support/github-deliveries";

/** Posts a signed push naming a task and waits until link-commits marked its delivery processed; returns the delivery id. */
async function processedPush(repo: string, key: string): Promise<string> {
  const delivery = crypto.randomUUID();
  expect((await webhook("push", pushPayload(repo, "refs/heads/feature", [{ message: `${key} #comment seen` }]), { delivery })).status).toBe(202);
  const id = `github:${delivery}`;
  await eventually(async () => (await new D1Store(env.DB).getDelivery(id))?.status === "processed");
  return id;
}

/**
 * Posts a signed pull request naming a task and waits until sync-pull-request marked it processed: a push is
 * applied by the ingress consumer itself and starts no run, a pull request still runs (it may call GitHub).
 */
async function processedPullRequest(repo: string, key: string): Promise<string> {
  const delivery = crypto.randomUUID();
  const payload = pullRequestPayload(repo, "opened", { number: Math.floor(Math.random() * 1e6), title: "Work", body: `refs ${key}` });
  expect((await webhook("pull_request", payload, { delivery })).status).toBe(202);
  const id = `github:${delivery}`;
  await eventually(async () => (await new D1Store(env.DB).getDelivery(id))?.status === "processed");
  return id;
}

/** The runs page's row for one delivery, as HTML. */
async function row(deliveryId: string): Promise<string> {
  const html = await (await call("/runs")).text();
  const start = html.indexOf(`data-delivery="${deliveryId}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</tr>", start));
}

const replay = (deliveryId: string) =>
  call(`/runs/${encodeURIComponent(deliveryId)}/replay`, { method: "POST", body: new URLSearchParams(), headers: { "content-type": "application/x-www-form-urlencoded" } });

describe("Cloudflare engine status", () => {
  it("reports a workflow run that finished as complete", async () => {
    await createProject("RUNA", { repos: ["acme/runa"] });
    const id = await processedPullRequest("acme/runa", await newTask("RUNA"));
    const engine = new CloudflareEngine(env.WORKFLOWS, workflows);
    await eventually(async () => (await engine.status("sync-pull-request", id)) === "complete");
  });

  it("reports none for an event that started no run", async () => {
    expect(await new CloudflareEngine(env.WORKFLOWS, workflows).status("link-commits", `github:${crypto.randomUUID()}`)).toBe("none");
  });
});

describe("runs page", () => {
  it("shows each workflow run of a delivery with its live status", async () => {
    await createProject("RUNB", { repos: ["acme/runb"] });
    const id = await processedPullRequest("acme/runb", await newTask("RUNB"));
    await eventually(async () => (await row(id)).includes("run-complete"));
    expect(await row(id)).toMatch(/data-run="sync-pull-request"[^]*run-complete/);
  });

  it("offers no replay for a delivery that was processed and whose run completed", async () => {
    await createProject("RUNC", { repos: ["acme/runc"] });
    const id = await processedPullRequest("acme/runc", await newTask("RUNC"));
    await eventually(async () => (await row(id)).includes("run-complete"));
    expect(await row(id)).not.toContain("/replay");
  });

  it("refuses to replay a delivery that did not fail with 409", async () => {
    await createProject("RUND", { repos: ["acme/rund"] });
    const id = await processedPush("acme/rund", await newTask("RUND"));
    expect((await replay(id)).status).toBe(409);
  });

  /** A push processed, then recorded as failed (as a run that gives up records it; see test/workflows/failed-runs.test.ts), then replayed. */
  async function failedThenReplayed(project: string) {
    await createProject(project, { repos: [`acme/${project.toLowerCase()}`] });
    const key = await newTask(project);
    const id = await processedPush(`acme/${project.toLowerCase()}`, key);
    const store = new D1Store(env.DB);
    await store.setDeliveryStatus(id, "failed", "GitHub was down");
    const offered = (await row(id)).includes("/replay");
    const res = await replay(id);
    return { key, id, store, offered, res };
  }

  it("offers a replay for a failed delivery", async () => {
    expect((await failedThenReplayed("RUNE")).offered).toBe(true);
  });

  it("replays a failed delivery: its workflow runs again and marks it processed", async () => {
    const { id, store, res } = await failedThenReplayed("RUNG");
    expect(res.status).toBe(303);
    await eventually(async () => (await store.getDelivery(id))?.status === "processed");
  });

  it("a replayed delivery's workflow acts again (its commit is still applied once)", async () => {
    const { key, id, store } = await failedThenReplayed("RUNF");
    await eventually(async () => (await store.getDelivery(id))?.status === "processed");
    const comments = ((await (await call(`/api/tasks/${key}/comments`)).json()) as { comments: unknown[] }).comments;
    expect(comments).toHaveLength(1);
  });
});
