// Load with bad actors against the hub as `npm run dev` serves it: many webhook deliveries, 20% redelivered
// and 5% forged; every genuine one applied exactly once, no forged one applied, no 5xx, nothing lost.
// Over real HTTP rather than workerd's SELF: vitest-pool-workers wraps its entrypoint class in one more Proxy per
// request, and after a few thousand requests property lookups overflow the stack (seen here at 2,000 and 10,000).

import { createHmac } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
// The bench harness starts the hub exactly as `npm run dev` does; the test shares it rather than copying it.
import { startHub } from "../../../bench/lib/hub.mjs";

const DELIVERIES = Number(process.env.FAULTS_DELIVERIES ?? 10_000);
const CONCURRENCY = 32;
const KEY = "LOAD";

type Hub = { base: string; webhookSecret: string; api(method: string, path: string, body?: unknown): Promise<any>; stop(): Promise<void>; adminToken: string };
let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
}, 180_000);
afterAll(async () => {
  await hub?.stop();
});

function push(sha: string, n: number) {
  return JSON.stringify({
    ref: "refs/heads/feature", // off the default branch: each commit links the task, nothing closes it
    repository: { full_name: "load/hub", default_branch: "main" },
    sender: { login: "loader" },
    commits: [{ id: sha, message: `Refs ${KEY}-1 load ${n}`, url: `https://github.com/load/hub/commit/${sha}` }],
  });
}

const hex = (n: number, tag: string) => (tag + n.toString(16)).padStart(40, "0");
const sign = (body: string, secret: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** Every record of the project, as the export streams it (NDJSON). */
async function exported(): Promise<{ type: string; ref?: string; action?: string; kind?: string }[]> {
  const res = await fetch(`${hub.base}/api/export?project=${KEY}`, { headers: { authorization: `Bearer ${hub.adminToken}` } });
  return (await res.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

it(`${DELIVERIES} deliveries, 20% redelivered, 5% forged: each genuine one applied exactly once`, async () => {
  await hub.api("POST", "/api/projects", { key: KEY, name: "Load", repos: ["load/hub"] });
  await hub.api("POST", "/api/tasks", { project: KEY, title: "load target" });

  // The plan: genuine deliveries, some sent twice (GitHub's redelivery: same id, same bytes), some forged.
  type Send = { delivery: string; body: string; forged: boolean };
  const sends: Send[] = [];
  const genuine: string[] = [];
  const forged: string[] = [];
  for (let i = 0; i < DELIVERIES; i++) {
    const r = i % 20; // 1 in 20 forged (5%), 4 in 20 a redelivery of an earlier genuine one (20%)
    if (r === 0) {
      const sha = hex(i, "f");
      forged.push(sha);
      sends.push({ delivery: crypto.randomUUID(), body: push(sha, i), forged: true });
    } else if (r <= 4 && genuine.length) {
      const j = (i * 7919) % sends.length;
      const earlier = sends[j].forged ? (sends[j - 1] ?? sends[j + 1]) : sends[j];
      sends.push(earlier);
    } else {
      const sha = hex(i, "a");
      genuine.push(sha);
      sends.push({ delivery: crypto.randomUUID(), body: push(sha, i), forged: false });
    }
  }

  const statuses = new Map<number, number>();
  let next = 0;
  async function worker() {
    while (next < sends.length) {
      const s = sends[next++];
      const res = await fetch(`${hub.base}/webhooks/github`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "push",
          "x-github-delivery": s.delivery,
          "x-hub-signature-256": sign(s.body, s.forged ? "not-the-secret" : hub.webhookSecret),
        },
        body: s.body,
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      await res.arrayBuffer();
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  expect(statuses.get(401)).toBe(forged.length);

  // Applied once: one commit link and one "linked" activity row per genuine commit, once the workflows have run.
  const deadline = Date.now() + 45 * 60_000;
  let records = await exported();
  const links = () => records.filter((r) => r.type === "link" && r.kind === "commit");
  while (links().length < genuine.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2_000));
    records = await exported();
  }
  expect(links()).toHaveLength(genuine.length);
  expect(new Set(links().map((l) => l.ref))).toEqual(new Set(genuine));
  expect(records.filter((r) => r.type === "activity" && r.action === "linked")).toHaveLength(genuine.length);
}, 3_600_000);
