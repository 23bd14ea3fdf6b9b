// The ingress queue's consumer (src/routes/queue.ts): each batch stored once by id and body hash, started in one
// call, retried when it fails, and what it gives up on recorded as dead for /runs.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/config";
import { planGitHubEvent } from "../../src/domain/github-events";
import type { NewDelivery } from "../../src/domain/deliveries";
import worker from "../../src/index";
import { CloudflareEngine } from "../../src/integrations/engine-cloudflare";
import { workflows } from "../../src/workflows";
import { newTask } from "../support/github-deliveries";
import { pushPayload } from "../support/github-payloads";
import { call, createProject, eventually } from "../support/hub";

const INGRESS = "taskhub-ingress";
const DEAD = "taskhub-ingress-dead";

/** A push naming a task, as ingress puts it on the queue. */
function queuedPush(repo: string, key: string, id = `github:${crypto.randomUUID()}`, bodyHash = crypto.randomUUID()): NewDelivery {
  const plan = planGitHubEvent("push", pushPayload(repo, "refs/heads/feature", [{ message: `${key} #comment queued` }]));
  if (plan.kind !== "workflow") throw new Error("the push should start a workflow");
  const at = new Date().toISOString();
  return {
    id, source: "github", event: "push", payload: JSON.stringify(plan.payload), at, bodyHash,
    emit: JSON.stringify({ id, name: "github/push.received", data: { deliveryId: id }, ts: at }),
  };
}

/** What the consumer did with a batch (workers-types has it only among its experimental types). */
interface QueueResult {
  outcome: string;
  ackAll: boolean;
  explicitAcks: string[];
  retryMessages: { msgId: string }[];
}

/** Hands the consumer one batch, as the queue does, and returns what it acked and retried. */
async function consume(queue: string, bodies: unknown[], on: Env = env as unknown as Env) {
  const batch = createMessageBatch(queue, bodies.map((body, i) => ({ id: `m${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, on);
  return { ids: batch.messages.map((m) => m.id), result: (await getQueueResult(batch, ctx)) as QueueResult };
}

const rows = (id: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE id = ?`).bind(id).first<number>("n");
const status = (id: string) => env.DB.prepare(`SELECT status FROM deliveries WHERE id = ?`).bind(id).first<string>("status");
/** The task's comments: each queued push's commit carries one (#comment). */
const comments = async (key: string) => ((await (await call(`/api/tasks/${key}/comments`)).json()) as { comments: unknown[] }).comments.length;

describe("a batch", () => {
  it("stores a delivery that came twice in it once, applies it once, and acks both", async () => {
    await createProject("QDUP", { repos: ["acme/qdup"] });
    const key = await newTask("QDUP");
    const d = queuedPush("acme/qdup", key);
    const { ids, result } = await consume(INGRESS, [d, d]);
    expect(result.explicitAcks.sort()).toEqual(ids.sort());
    expect(result.retryMessages).toEqual([]);
    expect(await rows(d.id)).toBe(1);
    expect(await status(d.id)).toBe("processed");
    // Applied by the consumer itself: a push needs no durable run.
    expect(await new CloudflareEngine(env.WORKFLOWS, workflows).status("link-commits", d.id)).toBe("none");
    expect(await comments(key)).toBe(1);
  });

  it("stores one delivery of a body that came under two delivery ids, and drops the other", async () => {
    await createProject("QHASH", { repos: ["acme/qhash"] });
    const key = await newTask("QHASH");
    const first = queuedPush("acme/qhash", key, undefined, "same-body-hash");
    const replayed = { ...first, id: `github:${crypto.randomUUID()}`, emit: first.emit!.replaceAll(first.id, "x") };
    const { result } = await consume(INGRESS, [first, replayed]);
    expect(result.retryMessages).toEqual([]);
    expect(await rows(first.id)).toBe(1);
    expect(await rows(replayed.id)).toBe(0);
    await eventually(async () => (await status(first.id)) === "processed");
    expect(await comments(key)).toBe(1);
  });

  it("is retried, stored nowhere, while the database fails; its retry then stores and runs it once", async () => {
    await createProject("QRETRY", { repos: ["acme/qretry"] });
    const key = await newTask("QRETRY");
    const ds = [queuedPush("acme/qretry", key), queuedPush("acme/qretry", key)];
    // D1 down (the edge of the world): every write refused.
    const down = new Proxy(env.DB, {
      get: (db, p) => {
        if (p === "batch") {
          return async () => {
            throw new Error("D1_ERROR: Network connection lost.");
          };
        }
        const v = Reflect.get(db, p);
        return typeof v === "function" ? v.bind(db) : v;
      },
    });
    const failing = await consume(INGRESS, ds, { ...env, DB: down } as unknown as Env);
    expect(failing.result.explicitAcks).toEqual([]);
    expect(failing.result.retryMessages.map((r) => r.msgId).sort()).toEqual(failing.ids.sort());
    for (const d of ds) expect(await rows(d.id)).toBe(0);

    const retried = await consume(INGRESS, ds);
    expect(retried.result.explicitAcks.sort()).toEqual(retried.ids.sort());
    for (const d of ds) await eventually(async () => (await status(d.id)) === "processed");
    expect(await comments(key)).toBe(2);
  });

  it("retries a message that is no delivery alone and acks the rest", async () => {
    await createProject("QMIX", { repos: ["acme/qmix"] });
    const d = queuedPush("acme/qmix", await newTask("QMIX"));
    const { ids, result } = await consume(INGRESS, [{ not: "a delivery" }, d]);
    expect(result.retryMessages.map((r) => r.msgId)).toEqual([ids[0]]);
    expect(result.explicitAcks).toEqual([ids[1]]);
    expect(await rows(d.id)).toBe(1);
  });
});

describe("the dead-letter queue", () => {
  it("receives a poison message from the real queue after its retries, and /runs shows it dead", { timeout: 60_000 }, async () => {
    const marker = `poison-${crypto.randomUUID()}`;
    await env.INGRESS.send({ poison: marker });
    const dead = await eventually(
      () => env.DB.prepare(`SELECT id, status, error FROM deliveries WHERE source = 'queue' AND payload LIKE ?`).bind(`%${marker}%`).first<{ id: string; status: string; error: string }>(),
      { tries: 200, everyMs: 100 },
    );
    expect(dead).toMatchObject({ status: "dead", error: expect.stringMatching(/not a delivery/) });
    const html = await (await call("/runs")).text();
    const start = html.indexOf(`data-delivery="${dead.id}"`);
    expect(start).toBeGreaterThan(-1);
    expect(html.slice(start, html.indexOf("</tr>", start))).toContain("dead");
  });

  it("records a delivery it receives as dead, and /runs offers the operator its replay", async () => {
    await createProject("QDEAD", { repos: ["acme/qdead"] });
    const key = await newTask("QDEAD");
    const d = queuedPush("acme/qdead", key);
    const { ids, result } = await consume(DEAD, [d]);
    expect(result.ackAll || result.explicitAcks.includes(ids[0])).toBe(true);
    expect(await status(d.id)).toBe("dead");
    const html = await (await call("/runs")).text();
    const start = html.indexOf(`data-delivery="${d.id}"`);
    expect(html.slice(start, html.indexOf("</tr>", start))).toContain(`/runs/${encodeURIComponent(d.id)}/replay`);
    const replay = await call(`/runs/${encodeURIComponent(d.id)}/replay`, { method: "POST", body: new URLSearchParams(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(replay.status).toBeLessThan(400);
    await eventually(async () => (await status(d.id)) === "processed");
    expect(await comments(key)).toBe(1);
  });
});
