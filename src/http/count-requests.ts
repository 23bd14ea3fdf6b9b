// Counts every answered request by matched route, method, status and latency: tallied in the isolate and written to
// the store every few seconds after a response, and in Workers Analytics Engine when an ANALYTICS binding is present.

import type { Context, MiddlewareHandler } from "hono";
import { countRequest, type AnsweredRequest } from "../app/metrics";
import type { AppEnv } from "./context";
import { afterResponse } from "./after-response";

/**
 * The matched route pattern bounds the label's values. A request that ended in a middleware (`*`, `/api/*`: no route
 * took it, or it was refused before one did) is "unmatched", so an unknown path never becomes a series of its own.
 */
function routeOf(c: Context<AppEnv>): string {
  const path = c.req.routePath;
  return !path || path.endsWith("*") ? "unmatched" : path;
}

export const countRequests: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  await next(); // Hono hands a thrown error to onError first, so c.res is the answer either way
  const r: AnsweredRequest = { route: routeOf(c), method: c.req.method, status: c.res.status, seconds: (performance.now() - started) / 1000, at: new Date() };
  // Counting never fails or slows the request it counts: a lost count is a sample short, not an error. Most requests
  // only add to the isolate's tally; the one that finds it due writes it, after its response.
  const write = countRequest(c.get("services"), r)?.catch(() => undefined);
  try {
    c.env?.ANALYTICS?.writeDataPoint({ blobs: [r.route, r.method, String(r.status)], doubles: [r.seconds, r.status], indexes: [r.route.slice(0, 96)] });
  } catch {
    // The response is already made: a refused data point must not turn it into a 500.
  }
  const pending = write && afterResponse(c, write);
  if (pending) await pending;
};
