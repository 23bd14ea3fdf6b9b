// Each answered request is counted in the store and, where an ANALYTICS binding (Workers Analytics Engine) is present, written there too.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { D1Store } from "../../src/integrations/store-d1";
import { nodeD1 } from "../support/node-d1";

let d1: Awaited<ReturnType<typeof nodeD1>>;
beforeAll(async () => {
  d1 = await nodeD1();
});
afterAll(() => d1.dispose());

/** The dataset as Workers hands it over: the one call the hub makes on it, recorded. */
const dataset = () => {
  const points: AnalyticsEngineDataPoint[] = [];
  return { points, binding: { writeDataPoint: (p?: AnalyticsEngineDataPoint) => void points.push(p!) } as AnalyticsEngineDataset };
};

/** The isolate's tally reaches the store every few seconds; a scrape writes it at once, as an operator's would. */
const scrape = (env: object) => createApp().request("/metrics", { headers: { authorization: "Bearer admin-token" } }, env);

it("writes one data point per request, with the matched route, method and status", async () => {
  const analytics = dataset();
  const env = { DB: d1.db, HUB_ADMIN_TOKEN: "admin-token", ANALYTICS: analytics.binding };
  const res = await createApp().request("/api/tasks/NOPE-1", { headers: { authorization: "Bearer admin-token" } }, env);
  expect(res.status).toBe(404);
  expect(analytics.points).toHaveLength(1);
  expect(analytics.points[0]).toMatchObject({ blobs: ["/api/tasks/:key", "GET", "404"], indexes: ["/api/tasks/:key"] });
  expect(analytics.points[0].doubles![0]).toBeGreaterThanOrEqual(0);
  await scrape(env);
  expect((await new D1Store(d1.db).requestCounts()).filter((r) => r.route === "/api/tasks/:key")).toMatchObject([{ method: "GET", status: 404, count: 1 }]);
});

it("counts in the store alone when no ANALYTICS binding is present", async () => {
  const env = { DB: d1.db, HUB_ADMIN_TOKEN: "admin-token" };
  const res = await createApp().request("/health", {}, env);
  expect(res.status).toBe(200);
  await scrape(env);
  expect((await new D1Store(d1.db).requestCounts()).filter((r) => r.route === "/health")).toMatchObject([{ method: "GET", status: 200, count: 1 }]);
});

it("answers as it would have when the dataset refuses the data point", async () => {
  const refusing = { writeDataPoint: () => { throw new Error("dataset unavailable"); } } as unknown as AnalyticsEngineDataset;
  const res = await createApp().request("/health", {}, { DB: d1.db, HUB_ADMIN_TOKEN: "admin-token", ANALYTICS: refusing });
  expect(res.status).toBe(200);
});
