import { describe, expect, it } from "vitest";
import { admit, circuitHealth, CLOSED, failed, succeeded, worst, type Circuit } from "../../src/domain/circuit";

const P = { failures: 5, coolDownMs: 30_000 };
const failTimes = (n: number, c: Circuit = CLOSED, now = 0) => Array.from({ length: n }).reduce<Circuit>((s) => failed(s, now, P), c);

describe("circuit breaker", () => {
  it("stays closed, degraded, through four straight failures", () => {
    const c = failTimes(4);
    expect(c).toEqual({ state: "closed", failures: 4 });
    expect(admit(c, 0, P).allowed).toBe(true);
    expect(circuitHealth(c, 0, P)).toBe("degraded");
  });

  it("opens on the fifth straight failure and refuses calls, saying how long to wait", () => {
    const c = failTimes(5, CLOSED, 1_000);
    expect(c).toEqual({ state: "open", openedAt: 1_000 });
    expect(admit(c, 11_000, P)).toMatchObject({ allowed: false, retryAfterMs: 20_000 });
    expect(circuitHealth(c, 11_000, P)).toBe("down");
  });

  it("a success in between starts the count again", () => {
    expect(failTimes(4, succeeded(failTimes(4)))).toEqual({ state: "closed", failures: 4 });
  });

  it("after the cool-down lets exactly one probe through", () => {
    const open = failTimes(5);
    const probe = admit(open, 30_000, P);
    expect(probe).toMatchObject({ allowed: true, next: { state: "half_open" } });
    expect(admit(probe.next, 30_001, P).allowed).toBe(false);
    expect(circuitHealth(probe.next, 30_001, P)).toBe("degraded");
  });

  it("closes when the probe succeeds", () => {
    const half = admit(failTimes(5), 30_000, P).next;
    const closed = succeeded(half);
    expect(closed).toEqual(CLOSED);
    expect(circuitHealth(closed, 30_001, P)).toBe("ok");
  });

  it("opens again, for a fresh cool-down, when the probe fails", () => {
    const half = admit(failTimes(5), 30_000, P).next;
    const reopened = failed(half, 30_500, P);
    expect(reopened).toEqual({ state: "open", openedAt: 30_500 });
    expect(admit(reopened, 59_000, P).allowed).toBe(false);
  });

  it("the overall status is the worst of its parts", () => {
    expect(worst(["ok", "ok"])).toBe("ok");
    expect(worst(["ok", "degraded", "ok"])).toBe("degraded");
    expect(worst(["degraded", "down", "ok"])).toBe("down");
  });
});
