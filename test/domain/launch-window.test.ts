// LaunchWindow: at most `limit` workflow starts in any window; a refused start is taken again once old ones age out.
import { expect, it } from "vitest";
import { LaunchWindow } from "../../src/domain/launch-window";

it("takes starts up to the limit and refuses the next", () => {
  const w = new LaunchWindow(2, 1_000);
  expect([w.take(0), w.take(10), w.take(20)]).toEqual([true, true, false]);
});

it("has room again once the oldest start is a whole window old", () => {
  const w = new LaunchWindow(2, 1_000);
  w.take(0);
  w.take(500);
  expect(w.take(999)).toBe(false);
  expect(w.take(1_000)).toBe(true);
  expect(w.take(1_001)).toBe(false);
  expect(w.take(1_500)).toBe(true);
});

it("does not count a refused start against the window", () => {
  const w = new LaunchWindow(1, 1_000);
  w.take(0);
  for (let t = 1; t < 1_000; t += 100) expect(w.take(t)).toBe(false);
  expect(w.take(1_000)).toBe(true);
});
