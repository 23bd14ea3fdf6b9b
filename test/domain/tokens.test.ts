import { describe, expect, it } from "vitest";
import { sessionExpiry, shouldTouch, tokenExpired, TOUCH_EVERY_MS } from "../../src/domain/tokens";

const now = new Date("2026-12-01T12:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe("shouldTouch", () => {
  it("writes lastUsedAt for a token never used", () => {
    expect(shouldTouch(null, now)).toBe(true);
  });

  it("does not write again within five minutes of the last write", () => {
    expect(TOUCH_EVERY_MS).toBe(5 * 60_000);
    expect(shouldTouch(ago(TOUCH_EVERY_MS - 1), now)).toBe(false);
  });

  it("writes again once five minutes have passed", () => {
    expect(shouldTouch(ago(TOUCH_EVERY_MS), now)).toBe(true);
  });

  it("writes when the stored time is unreadable", () => {
    expect(shouldTouch("not a date", now)).toBe(true);
  });
});

describe("tokenExpired", () => {
  it("never expires a token without expiresAt", () => {
    expect(tokenExpired(null, now)).toBe(false);
  });

  it("expires a token at its expiresAt", () => {
    expect(tokenExpired(now.toISOString(), now)).toBe(true);
    expect(tokenExpired(ago(-1), now)).toBe(false);
  });
});

it("a sign-in token lives the configured number of hours", () => {
  expect(sessionExpiry(now, 12)).toBe("2026-12-02T00:00:00.000Z");
});
