// Write rate limiting per token: a fixed one-minute window per isolate, answered 429 with Retry-After.

import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

const WINDOW_MS = 60_000;
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Counts live in the isolate, so a hub spread over many isolates lets a token through a little
 * more often than the limit; it still stops a runaway script, which is what this is for.
 */
export function limitWrites(perMinute: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => number): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const p = c.get("principal");
    if (SAFE.has(c.req.method) || !p) return next();
    const now = Date.now();
    let w = windows.get(p.tokenId);
    if (!w || now - w.start >= WINDOW_MS) windows.set(p.tokenId, (w = { start: now, count: 0 }));
    const limit = perMinute(c);
    if (++w.count > limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
      throw new ApiError(429, "rate_limited", `At most ${limit} writes a minute per token`, { retryAfterSeconds: retryAfter }, { "retry-after": String(retryAfter) });
    }
    return next();
  };
}
