// A circuit breaker as a pure state machine: closed → open after N straight failures, half-open after a cool-down, the clock passed in.

export interface CircuitPolicy {
  /** Consecutive failures that open the circuit. */
  failures: number;
  /** How long an open circuit refuses calls before letting one probe through (ms). */
  coolDownMs: number;
}

export const CIRCUIT_POLICY: CircuitPolicy = { failures: 5, coolDownMs: 30_000 };

export type Circuit =
  | { state: "closed"; failures: number }
  | { state: "open"; openedAt: number }
  | { state: "half_open" };

export const CLOSED: Circuit = { state: "closed", failures: 0 };

export type Health = "ok" | "degraded" | "down";

/** May a call go now? An open circuit past its cool-down turns half-open and lets this one call (the probe) through. */
export function admit(c: Circuit, now: number, p: CircuitPolicy = CIRCUIT_POLICY): { allowed: boolean; next: Circuit; retryAfterMs: number } {
  if (c.state === "closed") return { allowed: true, next: c, retryAfterMs: 0 };
  if (c.state === "open") {
    const left = c.openedAt + p.coolDownMs - now;
    return left <= 0 ? { allowed: true, next: { state: "half_open" }, retryAfterMs: 0 } : { allowed: false, next: c, retryAfterMs: left };
  }
  // Half-open: the probe is out; everyone else waits for its answer.
  return { allowed: false, next: c, retryAfterMs: p.coolDownMs };
}

export function succeeded(_c: Circuit): Circuit {
  return CLOSED;
}

/** A failed probe reopens at once; in the closed state the N-th straight failure opens. */
export function failed(c: Circuit, now: number, p: CircuitPolicy = CIRCUIT_POLICY): Circuit {
  if (c.state === "half_open") return { state: "open", openedAt: now };
  if (c.state === "open") return c;
  const failures = c.failures + 1;
  return failures >= p.failures ? { state: "open", openedAt: now } : { state: "closed", failures };
}

/** ok: closed and clean; degraded: recent failures, or half-open (or open past its cool-down, about to probe); down: open. */
export function circuitHealth(c: Circuit, now: number, p: CircuitPolicy = CIRCUIT_POLICY): Health {
  if (c.state === "closed") return c.failures ? "degraded" : "ok";
  if (c.state === "half_open") return "degraded";
  return now - c.openedAt >= p.coolDownMs ? "degraded" : "down";
}

const RANK: Record<Health, number> = { ok: 0, degraded: 1, down: 2 };

/** The overall status is the worst of its parts. */
export const worst = (hs: Health[]): Health => hs.reduce<Health>((w, h) => (RANK[h] > RANK[w] ? h : w), "ok");
