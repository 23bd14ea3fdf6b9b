// GET /metrics: the Prometheus text exposition, for the admin or a token with the metrics scope.

import { Hono } from "hono";
import { scrapeMetrics } from "../app/metrics";
import { requireScope } from "../http/auth";
import type { AppEnv } from "../http/context";
import { useCaseOf } from "../http/permissions";
import { PROMETHEUS_CONTENT_TYPE } from "../domain/metrics";

/** workflowsOf comes from app.ts (src/workflows/index.ts), which the route layer may not import. */
export const metricsRoute = (workflowsOf: (event: string) => readonly string[]) =>
  new Hono<AppEnv>().get("/metrics", requireScope("metrics"), async (c) =>
    c.body(await scrapeMetrics(useCaseOf(c), workflowsOf), 200, { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" }),
  );
