// Which project a session's folder belongs to.
import { describe, expect, it } from "vitest";
import { matchProjectByCwd } from "../../src/domain/projects";

const projects = [
  { key: "A", paths: ["/src/app"] },
  { key: "B", paths: ["/src/app/packages/b"] },
];

describe("matchProjectByCwd", () => {
  it("matches a folder inside a project's path", () => {
    expect(matchProjectByCwd(projects, "/src/app/lib")?.key).toBe("A");
  });

  it("prefers the longest matching path", () => {
    expect(matchProjectByCwd(projects, "/src/app/packages/b/src")?.key).toBe("B");
  });

  it("does not match a sibling folder that only shares a prefix", () => {
    expect(matchProjectByCwd(projects, "/src/application")).toBeNull();
  });
});
