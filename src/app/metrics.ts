// Metrics: count each request in the store (so counters outlive isolates) and render the scrape from what the store keeps.

import { hubFamilies } from "../domain/hub-metrics";
import { bucketIndex, formatMetrics, minuteOf, REQUEST_SECONDS, RUN_SECONDS } from "../domain/metrics";
import { mayScrape } from "../domain/permissions";
import type { Services } from "../ports/services";
import type { UseCaseContext } from "./context";
import { AppError } from "./errors";

/** One answered request: its matched route (never the raw path), method, status and latency. */
export interface AnsweredRequest {
  route: string;
  method: string;
  status: number;
  seconds: number;
  at: Date;
}

export function countRequest(services: Pick<Services, "store">, r: AnsweredRequest): Promise<void> {
  return services.store.countRequest({
    minute: minuteOf(r.at), route: r.route, method: r.method, status: r.status, bucket: bucketIndex(REQUEST_SECONDS, r.seconds), seconds: r.seconds,
  });
}

/** The Prometheus text for the admin or a metrics token; workflowsOf names the workflows each event starts. */
export async function scrapeMetrics(ctx: UseCaseContext, workflowsOf: (event: string) => readonly string[]): Promise<string> {
  if (!mayScrape(ctx.asker)) throw new AppError("forbidden", "Only the admin or a token with the metrics scope may read /metrics");
  const { store } = ctx.services;
  const [requests, counts] = await Promise.all([store.requestCounts(), store.storeCounts(RUN_SECONDS)]);
  return formatMetrics(hubFamilies({ requests, ...counts }, workflowsOf));
}
