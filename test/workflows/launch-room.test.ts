// The launch limit (WORKFLOW_LAUNCH_LIMIT): beyond it a delivery is recorded but not emitted, and the sweep starts it later.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { liveSince } from "../../src/domain/launch-window";
import { recordAndEmit } from "../../src/app/ingress";
import type { Env } from "../../src/config";
import { buildServices } from "../../src/services";
import { deliveryRunRoom } from "../../src/workflows/launch-room";

const services = () => buildServices(env as unknown as Env);

/** The hub's services with room for exactly `room` more delivery runs than are alive now. */
async function servicesWithRoom(room: number) {
  const s = services();
  const alive = await s.store.deliveryRunsAlive(liveSince(Date.now()), 1_000_000);
  return { ...s, config: { ...s.config, WORKFLOW_LAUNCH_LIMIT: alive + room } };
}

const inbound = (id: string) => ({
  deliveryId: id, source: "github" as const, event: "push",
  payload: { repo: "acme/limit", defaultBranch: "main", ref: "refs/heads/main", actor: "octocat", commits: [] },
  emit: { name: "github/push.received" as const, data: { deliveryId: id } },
});

it("gives every run wanted without a limit", async () => {
  expect(await deliveryRunRoom(services(), 5)).toBe(5);
});

it("emits a delivery while there is room, and records the next one without emitting it once there is none", async () => {
  const s = await servicesWithRoom(1);
  expect(await recordAndEmit(s, inbound("github:limit-1"))).toBe("new");
  expect(await recordAndEmit(s, inbound("github:limit-2"))).toBe("new");
  expect((await s.store.getDelivery("github:limit-1"))?.status).not.toBe("received");
  expect((await s.store.getDelivery("github:limit-2"))?.status).toBe("received");
  expect(await s.engine.status("link-commits", "github:limit-2")).toBe("none");
  expect(await deliveryRunRoom(s, 3)).toBe(0);
});
