// cron-re-emit-deliveries (workflow re-emit-deliveries): what ingress recorded but never managed to emit is emitted by the sweep, once.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { D1Store } from "../../src/integrations/store-d1";
import { makeEvent } from "../../src/workflows/events";
import { call, createProject, eventually, getTask } from "../support/hub";
import { tick, withoutSleeps } from "../support/workflows";

let runs: Awaited<ReturnType<typeof withoutSleeps>>;
beforeAll(async () => {
  runs = await withoutSleeps();
});

/** What ingress writes before it emits: the delivery, its payload and the event it is about to send. */
async function recordedButNeverEmitted(id: string, taskKey: string, receivedAt: string) {
  const payload = {
    repo: "acme/sweep",
    defaultBranch: "main",
    ref: "refs/heads/main",
    actor: "octocat",
    commits: [{ sha: `${id}`.padEnd(40, "0").slice(0, 40), message: `Fixes ${taskKey}`, url: "https://github.com/acme/sweep/commit/1", at: receivedAt, author: "octocat" }],
  };
  const event = makeEvent("github/push.received", id, { deliveryId: id }, receivedAt);
  await new D1Store(env.DB).recordDelivery({ id, source: "github", event: "push", payload: JSON.stringify(payload), emit: JSON.stringify(event), at: receivedAt });
}

const status = (id: string) => env.DB.prepare("SELECT status FROM deliveries WHERE id = ?").bind(id).first<string>("status");

describe("re-emit-deliveries", () => {
  it("emits a delivery stuck in received, and its workflow then does the work", async () => {
    await createProject("SWP", { repos: ["acme/sweep"] });
    await call("/api/tasks", { method: "POST", json: { project: "SWP", title: "Lost in transit" } });
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    await recordedButNeverEmitted("github:stuck-1", "SWP-1", tenMinutesAgo);
    await tick("*/15 * * * *");
    expect(await runs.outputOf("reEmitted", 1)).toEqual({ reEmitted: 1 });
    const task = await eventually(async () => {
      const t = await getTask("SWP-1");
      return t?.status === "completed" && t;
    });
    expect(task.links).toHaveLength(1);
    expect(await eventually(async () => (await status("github:stuck-1")) === "processed")).toBe(true);
  });

  it("leaves a delivery alone while its own request may still be emitting it", async () => {
    await recordedButNeverEmitted("github:fresh-1", "SWP-9", new Date().toISOString());
    await tick("*/15 * * * *", Date.now() + 60_000);
    await runs.outputOf("reEmitted", 0);
    expect(await status("github:fresh-1")).toBe("received");
  });
});
