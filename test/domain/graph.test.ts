// Dependency decisions: cycles named by their path, and which dependents a completion frees.
import { describe, expect, it } from "vitest";
import { cyclePath, unblockedBy } from "../../src/domain/graph";

const edges = (map: Record<string, string[]>) => (id: string) => map[id] ?? [];

describe("cyclePath", () => {
  it("allows an edge that closes no cycle", () => {
    expect(cyclePath("a", "b", edges({ b: ["c"] }))).toBeNull();
  });

  it("names the path an edge would close", () => {
    // a depends on b; b → c → a already: the new edge closes a → b → c → a
    expect(cyclePath("a", "b", edges({ b: ["c"], c: ["a"] }))).toEqual(["a", "b", "c", "a"]);
  });

  it("refuses a task depending on itself", () => {
    expect(cyclePath("a", "a", edges({}))).toEqual(["a", "a"]);
  });
});

describe("unblockedBy", () => {
  it("frees dependents whose other blockers are all done", () => {
    const blockers = edges({ x: ["done1", "b"], y: ["b", "open"] });
    expect(unblockedBy("b", ["x", "y"], blockers, (id) => id === "done1")).toEqual(["x"]);
  });
});
