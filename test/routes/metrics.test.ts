// GET /metrics: the Prometheus scrape shows what the hub recorded, for the admin or a metrics token only.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { D1Store } from "../../src/integrations/store-d1";
import { pushPayload } from "../support/github-payloads";
import { call, createProject, eventually, webhook } from "../support/hub";

async function token(scopes: string[]) {
  const res = await call("/api/tokens", { method: "POST", json: { name: `scrape-${crypto.randomUUID().slice(0, 8)}`, scopes } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

const scrape = async (t?: string) => {
  const res = await call("/metrics", t ? { token: t } : {});
  expect(res.status).toBe(200);
  return res.text();
};

/** The value of one sample line, or 0 when the series is absent. */
const sample = (text: string, series: string) => Number(text.split("\n").find((l) => l.startsWith(`${series} `))?.split(" ")[1] ?? 0);

describe("GET /metrics", () => {
  it("answers in the Prometheus text format", async () => {
    const res = await call("/metrics");
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await res.text()).toContain("# TYPE taskhub_http_request_duration_seconds histogram");
  });

  it("counts the request the test just made, by its matched route and status, with its latency", async () => {
    const series = 'taskhub_http_requests_total{route="/api/tasks/:key",method="GET",status="404"}';
    const before = sample(await scrape(), series);
    expect((await call("/api/tasks/NOPE-1")).status).toBe(404);
    const text = await eventually(async () => {
      const t = await scrape();
      return sample(t, series) === before + 1 ? t : null;
    });
    expect(sample(text, 'taskhub_http_request_duration_seconds_bucket{route="/api/tasks/:key",method="GET",status="404",le="+Inf"}')).toBe(before + 1);
  });

  it("counts every one of several requests to a series, though they are written as one tally", async () => {
    const series = 'taskhub_http_requests_total{route="/api/tasks/:key",method="GET",status="404"}';
    const before = sample(await scrape(), series);
    for (const n of [1, 2, 3]) expect((await call(`/api/tasks/NOPE-${n}`)).status).toBe(404);
    expect(sample(await scrape(), series)).toBe(before + 3);
  });

  it("shows a delivery by source and status, and the workflow run it ended with", async () => {
    await createProject("METR", { repos: ["acme/metr"] });
    const before = await scrape();
    const delivery = crypto.randomUUID();
    expect((await webhook("push", pushPayload("acme/metr", "refs/heads/main", [{ message: "no task here" }]), { delivery })).status).toBe(202);
    await eventually(async () => (await new D1Store(env.DB).getDelivery(`github:${delivery}`))?.status === "processed");
    const after = await scrape();
    const processed = 'taskhub_deliveries{source="github",status="processed"}';
    expect(sample(after, processed)).toBe(sample(before, processed) + 1);
    const runs = 'taskhub_workflow_runs_total{workflow="link-commits",outcome="completed"}';
    expect(sample(after, runs)).toBe(sample(before, runs) + 1);
  });

  it("shows tasks by project and status", async () => {
    await createProject("METT");
    for (const title of ["one", "two"]) expect((await call("/api/tasks", { method: "POST", json: { project: "METT", title } })).status).toBe(201);
    expect(sample(await scrape(), 'taskhub_tasks{project="METT",status="todo"}')).toBe(2);
  });

  it("escapes quotes and line feeds in label values", async () => {
    const source = 'we"ird\nsource';
    await new D1Store(env.DB).recordDelivery({ id: `test:${crypto.randomUUID()}`, source, event: "ping", payload: null, at: new Date().toISOString() });
    const text = await scrape();
    expect(text).toContain('taskhub_deliveries{source="we\\"ird\\nsource",status="received"} 1');
    expect(text.split("\n").every((l) => l === "" || l.startsWith("#") || /^[a-z_]+(\{.*\})? \S+$/.test(l))).toBe(true);
  });

  it("lets a token with the metrics scope scrape", async () => {
    expect(await scrape(await token(["metrics"]))).toContain("taskhub_tasks");
  });

  it("refuses a bad token with 401", async () => {
    expect((await call("/metrics", { token: "th_not-a-token" })).status).toBe(401);
    expect((await call("/metrics", { token: null })).status).toBe(401);
  });

  it("refuses a token without the metrics scope with 403", async () => {
    const res = await call("/metrics", { token: await token(["read", "write"]) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "forbidden" });
  });
});
