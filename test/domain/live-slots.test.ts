// The live feed's slot rules: a slot is free by rule once its stream outlived its lifetime; a page that stops reading is gone.

import { describe, expect, it } from "vitest";
import { heldSlots, isHeld, pageGone } from "../../src/domain/live-slots";

describe("isHeld", () => {
  it("holds a slot from when it is taken until its lifetime is over", () => {
    expect(isHeld({ takenAt: 1_000 }, 1_000, 30_000)).toBe(true);
    expect(isHeld({ takenAt: 1_000 }, 30_999, 30_000)).toBe(true);
  });

  it("frees a slot by rule once its lifetime is over, given back or not", () => {
    expect(isHeld({ takenAt: 1_000 }, 31_000, 30_000)).toBe(false);
    expect(isHeld({ takenAt: 1_000 }, 500_000, 30_000)).toBe(false);
  });
});

describe("heldSlots", () => {
  it("keeps the slots still within their lifetime and drops the ones past it", () => {
    const slots = [{ takenAt: 0, id: "old" }, { takenAt: 20_000, id: "young" }, { takenAt: 5_000, id: "middle" }];
    expect(heldSlots(slots, 32_000, 30_000).map((s) => s.id)).toEqual(["young", "middle"]);
    expect(heldSlots(slots, 36_000, 30_000).map((s) => s.id)).toEqual(["young"]);
  });

  it("counts none held when there are none", () => {
    expect(heldSlots([], 0, 30_000)).toEqual([]);
  });
});

describe("pageGone", () => {
  it("a page that has read everything is not gone, however long the stream has run", () => {
    expect(pageGone(undefined, 1_000_000, 3_000)).toBe(false);
  });

  it("a page that leaves a line unread for less than the patience is only slow", () => {
    expect(pageGone(10_000, 12_999, 3_000)).toBe(false);
  });

  it("a page that leaves a line unread for the patience or longer is gone", () => {
    expect(pageGone(10_000, 13_000, 3_000)).toBe(true);
    expect(pageGone(10_000, 60_000, 3_000)).toBe(true);
  });
});
