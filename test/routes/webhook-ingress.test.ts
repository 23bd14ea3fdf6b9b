// POST /webhooks/github refuses what it must and records each delivery once.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/config";
import worker from "../../src/index";
import { eventually, queueDrained, sign, webhook } from "../support/hub";

const ping = { zen: "Keep it logically awesome.", hook_id: 1 };
const push = {
  ref: "refs/heads/main",
  repository: { full_name: "acme/ingress", default_branch: "main" },
  commits: [],
};

async function deliveries(id: string) {
  return env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE id = ?").bind(`github:${id}`).first<number>("n");
}

describe("POST /webhooks/github", () => {
  it("refuses a request without X-Hub-Signature-256 with 401", async () => {
    const res = await webhook("push", push, { signature: null });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "signature_missing", requestId: expect.any(String), timestamp: expect.any(String) });
  });

  it("refuses a signature made with another secret with 401 and queues nothing", async () => {
    const body = JSON.stringify(push);
    const res = await webhook("push", push, { delivery: "forged-1", body, signature: sign(body, "not-the-secret") });
    expect(res.status).toBe(401);
    await queueDrained();
    expect(await deliveries("forged-1")).toBe(0);
  });

  it("refuses a SHA-1 signature alone with 401", async () => {
    const res = await webhook("push", push, { signature: "sha1=0123456789abcdef0123456789abcdef01234567" });
    expect(res.status).toBe(401);
  });

  it("answers 400 for a signed body that is not JSON", async () => {
    const body = "{not json";
    const res = await webhook("push", null, { body, signature: sign(body) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "malformed_json" });
  });

  it("answers 413 for a body over 25 MB", async () => {
    const body = `{"pad":"${"x".repeat(25 * 1024 * 1024)}"}`;
    const res = await webhook("push", null, { body, signature: "sha256=00" });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "payload_too_large" });
  });

  it("acknowledges an event it does not handle with 2xx and notes it as ignored", async () => {
    const res = await webhook("star", { action: "created" }, { delivery: "star-1" });
    expect(res.status).toBeLessThan(300);
    expect(await res.json()).toMatchObject({ ignored: true });
    const status = () => env.DB.prepare("SELECT status FROM deliveries WHERE id = 'github:star-1'").first<string>("status");
    expect(await eventually(status)).toBe("ignored");
  });

  it("answers a push with 202 once it is queued, and records it once however often it is redelivered", async () => {
    const first = await webhook("push", push, { delivery: "push-1" });
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ queued: true, deliveryId: "github:push-1" });
    const again = await webhook("push", push, { delivery: "push-1" });
    expect(again.status).toBe(202);
    await queueDrained();
    expect(await deliveries("push-1")).toBe(1);
  });

  it("records nothing for a signed body replayed under a new X-GitHub-Delivery", async () => {
    const body = JSON.stringify({ ...push, after: crypto.randomUUID() });
    expect((await webhook("push", null, { body, delivery: "replay-original" })).status).toBe(202);
    expect((await webhook("push", null, { body, delivery: "replay-forged-id" })).status).toBe(202);
    await queueDrained();
    expect(await deliveries("replay-original")).toBe(1);
    expect(await deliveries("replay-forged-id")).toBe(0);
  });

  it("records nothing for a replayed body of an event it only records, too", async () => {
    const body = JSON.stringify({ action: "created", starred_at: crypto.randomUUID() });
    expect((await webhook("star", null, { body, delivery: "star-original" })).status).toBe(202);
    expect((await webhook("star", null, { body, delivery: "star-replayed" })).status).toBe(202);
    await queueDrained();
    expect(await deliveries("star-original")).toBe(1);
    expect(await deliveries("star-replayed")).toBe(0);
  });

  it("answers a push the queue refuses with 202 all the same, records it at the door and applies it once", async () => {
    // The queue is the platform's (Cloudflare Queues): one that refuses every send, as Miniflare's broker did under a burst.
    const refusing = { ...env, INGRESS: { send: () => Promise.reject(new Error("Queue send failed: Internal Server Error")) } } as unknown as Env;
    const body = JSON.stringify({ ...push, after: "5f".repeat(20) }); // a body of its own: the same body twice is a replay
    const headers = { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "refused-1", "x-hub-signature-256": sign(body) };
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request("https://hub.test/webhooks/github", { method: "POST", headers, body }), refusing, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(202);
    expect(await deliveries("refused-1")).toBe(1);
    const status = () => env.DB.prepare("SELECT status FROM deliveries WHERE id = 'github:refused-1'").first<string>("status");
    expect(await eventually(async () => ["processed", "ignored"].includes((await status()) ?? "") && (await status()))).toBeTruthy();
  });

  it("answers 400 when the delivery headers are missing", async () => {
    const body = JSON.stringify(ping);
    const res = await webhook("ping", ping, { body, delivery: "" });
    expect(res.status).toBe(400);
  });
});
