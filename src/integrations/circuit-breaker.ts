// Circuit breakers around the vendors (Resend, GitHub, Convex): one per adapter and isolate, wrapped around every method in one place.

import { admit, CIRCUIT_POLICY, circuitHealth, CLOSED, failed, succeeded, type Circuit, type CircuitPolicy, type Health } from "../domain/circuit";

/** What an open circuit throws: retryable, so a workflow step waits out the engine's backoff instead of failing. */
export class CircuitOpenError extends Error {
  constructor(readonly adapter: string, readonly retryAfterMs: number) {
    super(`${adapter} is unavailable (circuit open); retry in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

export interface BreakerOptions {
  clock?: () => number;
  policy?: CircuitPolicy;
  /** Whether an error says the vendor is failing (a 5xx, the network), not that it answered no (not found, conflict). */
  isFailure?: (e: unknown) => boolean;
  /** The error an open circuit throws; each port has its own retryable error. */
  refuse?: (adapter: string, retryAfterMs: number) => Error;
}

export class Breaker {
  private circuit: Circuit = CLOSED;
  private readonly clock: () => number;
  private readonly policy: CircuitPolicy;

  constructor(readonly adapter: string, private readonly options: BreakerOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.policy = options.policy ?? CIRCUIT_POLICY;
  }

  get state(): Circuit["state"] {
    return this.circuit.state;
  }

  health(): Health {
    return circuitHealth(this.circuit, this.clock(), this.policy);
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const gate = admit(this.circuit, this.clock(), this.policy);
    this.circuit = gate.next;
    if (!gate.allowed) throw (this.options.refuse ?? ((a, ms) => new CircuitOpenError(a, ms)))(this.adapter, gate.retryAfterMs);
    try {
      const result = await call();
      this.circuit = succeeded(this.circuit);
      return result;
    } catch (e) {
      const failing = this.options.isFailure ? this.options.isFailure(e) : true;
      this.circuit = failing ? failed(this.circuit, this.clock(), this.policy) : succeeded(this.circuit);
      throw e;
    }
  }
}

/** The adapter with every method call going through the breaker (its other properties, such as `name`, untouched). */
export function withBreaker<T extends object>(adapter: T, breaker: Breaker): T {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => breaker.run(async () => value.apply(target, args));
    },
  });
}

/** Breakers live per isolate: each Worker isolate learns on its own that a vendor is down (state is not shared). */
const breakers = new Map<string, Breaker>();

export function isolateBreaker(adapter: string, options: BreakerOptions = {}): Breaker {
  let b = breakers.get(adapter);
  if (!b) breakers.set(adapter, (b = new Breaker(adapter, options)));
  return b;
}
