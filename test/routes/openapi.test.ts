import { expect, it } from "vitest";
import { call } from "../support/hub";

it("GET /openapi.json is an OpenAPI 3.1 document of the REST routes", async () => {
  const res = await call("/openapi.json", { token: null });
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(doc.openapi).toBe("3.1.0");
  for (const [path, method] of [
    ["/api/tasks", "get"], ["/api/tasks/{key}", "delete"], ["/api/tasks/{key}/comments", "post"], ["/api/projects/{key}", "put"],
    ["/api/export", "get"], ["/api/import", "post"], ["/api/auth/login", "post"], ["/api/tokens", "post"],
    ["/api/runs", "get"], ["/api/runs/{workflow}/{eventId}", "get"], ["/api/runs/{workflow}/{eventId}/rerun", "post"], ["/api/runs/{workflow}/{eventId}/cancel", "post"], ["/api/runs/replay", "post"],
  ]) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
});

it("GET /docs lists the operations", async () => {
  const html = await (await call("/docs", { token: null })).text();
  expect(html).toContain("/api/tasks/{key}/comments");
  expect(html).toContain('href="/openapi.json"');
});
