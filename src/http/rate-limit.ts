// Rate limits per token: one fixed one-minute window per budget (writes, ingest), and a cap on live connections.

import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";
import { heldSlots, type LiveSlot } from "../domain/live-slots";

const WINDOW_MS = 60_000;
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const INGEST_PATHS = new Set(["/transcripts", "/hooks/claude"]);

export interface Budget {
  name: "writes" | "ingest";
  perMinute: number;
}

/** Hooks are chatty, so ingest has its own, larger budget; every other write (REST, MCP, dashboard forms) shares one. */
export function writeBudget(c: Context<AppEnv>): Budget {
  const { RATE_LIMIT_INGEST, RATE_LIMIT_WRITES } = c.get("services").config;
  return INGEST_PATHS.has(new URL(c.req.url).pathname) ? { name: "ingest", perMinute: RATE_LIMIT_INGEST } : { name: "writes", perMinute: RATE_LIMIT_WRITES };
}

/**
 * Every authenticated write, keyed per token and budget. Counts live in the isolate, so a hub spread over many
 * isolates lets a token through a little more often than the limit; it still stops a runaway script, which is what
 * this is for.
 */
export function limitWrites(budgetOf: (c: Context<AppEnv>) => Budget = writeBudget): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const p = c.get("principal");
    if (SAFE.has(c.req.method) || !p) return next();
    const budget = budgetOf(c);
    const key = `${p.tokenId}:${budget.name}`;
    const now = Date.now();
    let w = windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) windows.set(key, (w = { start: now, count: 0 }));
    if (++w.count > budget.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
      throw new ApiError(429, "rate_limited", `At most ${budget.perMinute} ${budget.name} a minute per token`, { retryAfterSeconds: retryAfter, budget: budget.name }, { "retry-after": String(retryAfter) });
    }
    return next();
  };
}

/** Live connections (/events) open per token in this isolate: each slot with when it was taken. */
const live = new Map<string, Set<LiveSlot>>();

function heldLiveSlots(tokenId: string, now: number, lifetimeMs: number): Set<LiveSlot> {
  return new Set(heldSlots(live.get(tokenId) ?? [], now, lifetimeMs));
}

/** Whether a token has one of its `max` live connections free at `now` (takeLiveSlot would not answer 429). */
export function liveSlotFree(tokenId: string, max: number, now: number, lifetimeMs: number): boolean {
  return heldLiveSlots(tokenId, now, lifetimeMs).size < max;
}

/**
 * Takes one of a token's `max` live connections at `now`; answers 429 when all are held. A slot taken more than
 * `lifetimeMs` ago no longer counts (heldSlots), so one whose release was never called cannot keep a page out for
 * good. Returns the release (call once; later calls do nothing).
 */
export function takeLiveSlot(tokenId: string, max: number, now: number, lifetimeMs: number): () => void {
  const slots = heldLiveSlots(tokenId, now, lifetimeMs);
  if (slots.size >= max) {
    live.set(tokenId, slots);
    throw new ApiError(429, "too_many_connections", `At most ${max} live connections per token; close a page`, { max }, { "retry-after": "5" });
  }
  const slot: LiveSlot = { takenAt: now };
  slots.add(slot);
  live.set(tokenId, slots);
  return () => {
    const held = live.get(tokenId);
    if (!held?.delete(slot)) return;
    if (!held.size) live.delete(tokenId);
  };
}
