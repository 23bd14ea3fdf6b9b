// Load with bad actors: many webhook deliveries, 20% redelivered and 5% forged; every genuine one applied once, none forged, no 5xx.

import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { call, createProject, eventually, sign, webhook } from "../../support/hub";

/** 10,000 in `npm run test:faults`; FAULTS_DELIVERIES makes a quicker run possible while developing. */
const DELIVERIES = Number((env as unknown as Record<string, unknown>).FAULTS_DELIVERIES ?? 10_000);
const CONCURRENCY = 32;
const KEY = "LOAD";

function push(sha: string, n: number) {
  return JSON.stringify({
    ref: "refs/heads/feature", // off the default branch: each commit links the task, nothing closes it
    repository: { full_name: "load/hub", default_branch: "main" },
    sender: { login: "loader" },
    commits: [{ id: sha, message: `Refs ${KEY}-1 load ${n}`, url: `https://github.com/load/hub/commit/${sha}` }],
  });
}

const hex = (n: number, tag: string) => (tag + n.toString(16)).padStart(40, "0");

it(`${DELIVERIES} deliveries, 20% redelivered, 5% forged: each genuine one applied exactly once`, async () => {
  await createProject(KEY, { repos: ["load/hub"] });
  expect((await call("/api/tasks", { method: "POST", json: { project: KEY, title: "load target" } })).status).toBe(201);

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
      const earlier = sends[j].forged ? sends[j - 1] ?? sends[j + 1] : sends[j];
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
      const res = await webhook("push", null, { delivery: s.delivery, body: s.body, signature: s.forged ? sign(s.body, "not-the-secret") : sign(s.body) });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      await res.body?.cancel();
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  expect(statuses.get(401)).toBe(forged.length);

  const count = async (sql: string, ...args: unknown[]) => (await env.DB.prepare(sql).bind(...args).first<{ n: number }>())!.n;
  // Every genuine delivery recorded once; no forged one recorded at all.
  expect(await count(`SELECT COUNT(*) AS n FROM deliveries WHERE source = 'github'`)).toBe(genuine.length);
  // Applied once: one commit link and one activity row per genuine commit, once the workflows have run.
  await eventually(async () => (await count(`SELECT COUNT(*) AS n FROM links WHERE kind = 'commit'`)) >= genuine.length, { tries: 6_000, everyMs: 100 });
  expect(await count(`SELECT COUNT(*) AS n FROM links WHERE kind = 'commit'`)).toBe(genuine.length);
  expect(await count(`SELECT COUNT(*) AS n FROM activity WHERE action = 'linked'`)).toBe(genuine.length);
  expect(await count(`SELECT COUNT(*) AS n FROM links WHERE kind = 'commit' AND ref IN (SELECT value FROM json_each(?))`, JSON.stringify(forged))).toBe(0);
}, 3_600_000);
