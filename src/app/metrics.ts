// Metrics: requests tallied per isolate and written to the store every few seconds (so counters outlive isolates), and
// the scrape rendered from what the store keeps.

import { hubFamilies } from "../domain/hub-metrics";
import { bucketIndex, formatMetrics, minuteOf, REQUEST_SECONDS, RUN_SECONDS, tallyDue } from "../domain/metrics";
import { mayScrape } from "../domain/permissions";
import type { Services } from "../ports/services";
import type { RequestSample } from "../ports/store";
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

/** One isolate's requests not yet written, per series and minute, and since when the oldest has waited. */
interface Tallies {
  series: Map<string, Required<RequestSample>>;
  since: number;
}

/** Per store, so two hubs sharing an isolate (tests) never write each other's counts. */
const held = new WeakMap<object, Tallies>();

/**
 * Tallies the request in this isolate; writes the isolate's tallies (one upsert per series, not one per request)
 * once they are due, and returns that write, else null. Counts held when an isolate ends are lost: a few seconds of
 * samples short, never a wrong one.
 */
export function countRequest(services: Pick<Services, "store">, r: AnsweredRequest, nowMs = r.at.getTime()): Promise<void> | null {
  let t = held.get(services.store);
  if (!t) held.set(services.store, (t = { series: new Map(), since: nowMs }));
  if (!t.series.size) t.since = nowMs;
  const s: Required<RequestSample> = {
    minute: minuteOf(r.at), route: r.route, method: r.method, status: r.status, bucket: bucketIndex(REQUEST_SECONDS, r.seconds), seconds: r.seconds, count: 1,
  };
  const key = `${s.minute} ${s.method} ${s.status} ${s.bucket} ${s.route}`;
  const had = t.series.get(key);
  if (had) (had.count += 1), (had.seconds += s.seconds);
  else t.series.set(key, s);
  return tallyDue(t.series.size, t.since, nowMs) ? flushRequestCounts(services) : null;
}

/** Writes this isolate's tallies now (the scrape does, so it shows every request this isolate has answered). */
export async function flushRequestCounts(services: Pick<Services, "store">): Promise<void> {
  const t = held.get(services.store);
  if (!t?.series.size) return;
  const rows = [...t.series.values()];
  t.series = new Map();
  await Promise.all(rows.map((r) => services.store.countRequest(r)));
}

/** The Prometheus text for the admin or a metrics token; workflowsOf names the workflows each event starts. */
export async function scrapeMetrics(ctx: UseCaseContext, workflowsOf: (event: string) => readonly string[]): Promise<string> {
  if (!mayScrape(ctx.asker)) throw new AppError("forbidden", "Only the admin or a token with the metrics scope may read /metrics");
  const { store } = ctx.services;
  await flushRequestCounts(ctx.services).catch(() => undefined); // a failed write loses those counts, not the scrape
  const [requests, counts] = await Promise.all([store.requestCounts(), store.storeCounts(RUN_SECONDS)]);
  return formatMetrics(hubFamilies({ requests, ...counts }, workflowsOf));
}
