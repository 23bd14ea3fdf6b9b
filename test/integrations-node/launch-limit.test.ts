// The launch window: how many runs may start, given how many are alive and the limit.
import { expect, it } from "vitest";
import { launchRoom, liveSince, MAX_RUN_MS, RUN_LINGER_MS } from "../../src/integrations/engine-cloudflare/launch-limit";

it("starts every run wanted when there is no limit", () => {
  expect(launchRoom(10_000, undefined, 7)).toBe(7);
});

it("starts only as many as the limit leaves room for", () => {
  expect(launchRoom(1_495, 1_500, 100)).toBe(5);
  expect(launchRoom(10, 1_500, 3)).toBe(3);
});

it("starts none when the limit is reached or passed", () => {
  expect(launchRoom(1_500, 1_500, 1)).toBe(0);
  expect(launchRoom(1_600, 1_500, 1)).toBe(0);
});

it("counts a run while it may run, and an ended one while its database lingers", () => {
  const now = Date.parse("2026-11-26T12:00:00.000Z");
  expect(liveSince(now)).toEqual({ running: new Date(now - MAX_RUN_MS).toISOString(), ended: new Date(now - RUN_LINGER_MS).toISOString() });
});
