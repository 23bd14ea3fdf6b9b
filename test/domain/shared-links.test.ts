// Shared links: when one is live, how long it lives, and the addresses a shared page hides.
import { describe, expect, it } from "vitest";
import { redactEmails, shareExpiry, sharePath, shareState } from "../../src/domain/shared-links";

const now = new Date("2026-12-01T12:00:00Z");

describe("a shared link's state", () => {
  it("is live before its expiry", () => {
    expect(shareState({ expiresAt: "2026-12-01T12:00:01Z", revokedAt: null }, now)).toBe("live");
  });

  it("is expired at and after its expiry", () => {
    expect(shareState({ expiresAt: "2026-12-01T12:00:00Z", revokedAt: null }, now)).toBe("expired");
  });

  it("is revoked once revoked, whatever its expiry", () => {
    expect(shareState({ expiresAt: "2027-01-01T00:00:00Z", revokedAt: "2026-11-30T00:00:00Z" }, now)).toBe("revoked");
  });
});

it("lives the given number of days", () => {
  expect(shareExpiry(now, 7)).toBe("2026-12-08T12:00:00.000Z");
});

it("puts id and secret in the path, escaped", () => {
  expect(sharePath("a/b", "c d")).toBe("/shared/a%2Fb/c%20d");
});

describe("redacting addresses", () => {
  it("hides each address and keeps the words around it", () => {
    expect(redactEmails("Ask ops@example.org and Dana.K+x@mail.example.co.uk today")).toBe("Ask [email hidden] and [email hidden] today");
  });

  it("leaves an @mention and a bare domain alone", () => {
    expect(redactEmails("ping @dana about example.com")).toBe("ping @dana about example.com");
  });

  it("runs over at most 2,000 characters of a text", () => {
    const text = "a".repeat(100_000) + "@";
    expect(redactEmails(text).length).toBeLessThanOrEqual(2000);
  });
});
