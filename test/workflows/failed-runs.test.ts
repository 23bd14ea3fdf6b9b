// A run whose steps use up their retries marks its delivery failed, which is what the runs page replays.
import { env, introspectWorkflow } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { D1Store } from "../../src/integrations/store-d1";
import { eventually } from "../support/hub";
import { send } from "../support/workflows";

beforeAll(async () => {
  const introspector = await introspectWorkflow(env.WORKFLOWS);
  await introspector.modifyAll(async (m) => {
    await m.disableSleeps();
    await m.disableRetryDelays();
  });
});

it("marks the delivery failed, with the error, once a run gives up", async () => {
  const store = new D1Store(env.DB);
  // A push delivery whose stored payload was lost: loading it fails on every try.
  await store.recordDelivery({ id: "github:doomed-1", source: "github", event: "push", payload: null, at: new Date().toISOString() });
  await send("github/push.received", "github:doomed-1", { deliveryId: "github:doomed-1" });
  const delivery = await eventually(async () => {
    const d = await store.getDelivery("github:doomed-1");
    return d?.status === "failed" && d;
  }, { tries: 200 });
  expect(delivery.error).toContain("has no payload");
});
