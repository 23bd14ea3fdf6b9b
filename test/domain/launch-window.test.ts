// LaunchWindow: at most `limit` runs hold a slot; a run holds it while running and for the linger after it ends.
import { expect, it } from "vitest";
import { LaunchWindow } from "../../src/domain/launch-window";

const LINGER = 1_000;
const MAX_RUN = 10_000;

it("takes slots up to the limit and refuses the next", () => {
  const w = new LaunchWindow(2, LINGER, MAX_RUN);
  expect([w.take("a", 0), w.take("b", 10), w.take("c", 20)]).toEqual([true, true, false]);
});

it("frees a finished run's slot once it has lingered", () => {
  const w = new LaunchWindow(1, LINGER, MAX_RUN);
  w.take("a", 0);
  w.finish("a", 5_000);
  expect(w.take("b", 5_999)).toBe(false);
  expect(w.take("b", 6_000)).toBe(true);
});

it("keeps a running run's slot however long it runs, up to the longest run allowed", () => {
  const w = new LaunchWindow(1, LINGER, MAX_RUN);
  w.take("a", 0);
  expect(w.take("b", MAX_RUN + LINGER - 1)).toBe(false);
  expect(w.take("b", MAX_RUN + LINGER)).toBe(true);
});

it("does not hold a slot for a refused start, or for a run it never started", () => {
  const w = new LaunchWindow(1, LINGER, MAX_RUN);
  w.take("a", 0);
  expect(w.take("b", 1)).toBe(false);
  w.finish("b", 2);
  expect(w.held).toBe(1);
  w.finish("a", 3);
  expect(w.take("c", 3 + LINGER)).toBe(true);
});
