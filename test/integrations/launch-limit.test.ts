// Local Workflows' launch limit (WORKFLOW_LAUNCH_LIMIT): beyond it a delivery is recorded but not emitted, and a run counts until it has ended a while.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import type { Env } from "../../src/config";
import { storeAndStart } from "../../src/app/consume-deliveries";
import { LaunchLimit, MAX_RUN_MS, recordRunEnded, RUN_LINGER_MS } from "../../src/integrations/engine-cloudflare/launch-limit";
import { buildServices } from "../../src/services";
import { eventually } from "../support/hub";
import { planGitHubEvent } from "../../src/domain/github-events";
import { pullRequestPayload } from "../support/github-payloads";

const pullRequestPlan = planGitHubEvent("pull_request", pullRequestPayload("acme/limit", "opened", { number: 1, title: "Limit" })) as { payload: unknown };

/** The hub's services as `npm run dev` builds them, with room for exactly `room` more runs than are alive now. */
async function servicesWithRoom(room: number) {
  const alive = await new LaunchLimit(env.DB, 1_000_000).alive();
  return buildServices({ ...env, WORKFLOW_LAUNCH_LIMIT: String(alive + room) } as unknown as Env);
}

const at = new Date().toISOString();
/** A pull request delivery: one that still starts a durable run (the consumer applies pushes itself). */
const inbound = (id: string) => ({
  id, source: "github", event: "pull_request", at,
  payload: JSON.stringify(pullRequestPlan.payload),
  emit: JSON.stringify({ id, name: "github/pull_request.received", data: { deliveryId: id }, ts: at }),
});

it("gives every run wanted without a limit", async () => {
  expect(await buildServices(env as unknown as Env).engine.launchRoom(5)).toBe(5);
});

it("emits a delivery while there is room, and records the next one without emitting it once there is none", async () => {
  const s = await servicesWithRoom(1);
  expect(await storeAndStart(s, [inbound("github:limit-1")])).toEqual({ applied: 0, started: 1 });
  expect(await storeAndStart(s, [inbound("github:limit-2")])).toEqual({ applied: 0, started: 0 });
  expect((await s.store.getDelivery("github:limit-1"))?.status).not.toBe("received");
  expect((await s.store.getDelivery("github:limit-2"))?.status).toBe("received");
  expect(await s.engine.status("sync-pull-request", "github:limit-2")).toBe("none");
  expect(await s.engine.launchRoom(3)).toBe(0);
});

it("has a run it started record its own end", async () => {
  const s = await servicesWithRoom(1);
  await storeAndStart(s, [inbound("github:limit-3")]);
  const endedAt = () => env.DB.prepare(`SELECT ended_at FROM workflow_runs WHERE instance_id = ?`).bind("sync-pull-request-github_limit-3").first<string | null>("ended_at");
  expect(await eventually(endedAt)).toMatch(/^\d{4}-/);
});

it("counts a run while it runs and for a minute after it ends, and a run silent for 15 minutes not at all", async () => {
  // Far ahead, so the runs other tests started have aged out of the count.
  const t = Date.parse("2100-01-01T00:00:00.000Z");
  const limit = new LaunchLimit(env.DB, 1_000_000);
  await limit.started("far-1", t);
  await limit.started("far-2", t);
  expect(await limit.alive(t)).toBe(2);
  await recordRunEnded(env.DB, "far-1", t + 1_000);
  expect(await limit.alive(t + 2_000)).toBe(2);
  expect(await limit.alive(t + 1_000 + RUN_LINGER_MS + 1)).toBe(1);
  expect(await limit.alive(t + MAX_RUN_MS + 1)).toBe(0);
});
