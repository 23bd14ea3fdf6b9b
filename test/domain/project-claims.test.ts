// A repository or a folder belongs to one project: claimConflicts names whoever already holds what a project claims.
import { describe, expect, it } from "vitest";
import { claimConflicts, pathCovers, withoutClaims } from "../../src/domain/projects";

const projects = [
  { key: "APP", repos: ["acme/app"], paths: ["/home/me/src/app"] },
  { key: "LIB", repos: ["acme/lib"], paths: ["/home/me/src/lib/"] },
];

describe("pathCovers", () => {
  it("covers itself and every folder below it", () => {
    expect(pathCovers("/home/me/src", "/home/me/src")).toBe(true);
    expect(pathCovers("/home/me/src", "/home/me/src/app")).toBe(true);
  });

  it("compares by segments, not by string prefix", () => {
    expect(pathCovers("/a/b", "/a/bc")).toBe(false);
  });

  it("lets the root cover everything", () => {
    expect(pathCovers("/", "/anything/at/all")).toBe(true);
  });

  it("ignores trailing slashes and respects case", () => {
    expect(pathCovers("/a/b/", "/a/b")).toBe(true);
    expect(pathCovers("/A/b", "/a/b")).toBe(false);
  });
});

describe("claimConflicts", () => {
  it("names the project holding a claimed repository, whatever its case", () => {
    expect(claimConflicts(projects, "NEW", ["Acme/App"], [])).toEqual([{ holder: "APP", kind: "repo", claimed: "Acme/App", held: "acme/app" }]);
  });

  it("names the project whose path a claimed path covers", () => {
    expect(claimConflicts(projects, "NEW", [], ["/home/me"])).toEqual([
      { holder: "APP", kind: "path", claimed: "/home/me", held: "/home/me/src/app" },
      { holder: "LIB", kind: "path", claimed: "/home/me", held: "/home/me/src/lib/" },
    ]);
  });

  it("names the project whose path covers a claimed path", () => {
    expect(claimConflicts(projects, "NEW", [], ["/home/me/src/app/packages/x"])).toEqual([
      { holder: "APP", kind: "path", claimed: "/home/me/src/app/packages/x", held: "/home/me/src/app" },
    ]);
  });

  it("refuses the root against every project with a path", () => {
    expect(claimConflicts(projects, "NEW", [], ["/"]).map((c) => c.holder)).toEqual(["APP", "LIB"]);
  });

  it("finds nothing for a sibling folder sharing a string prefix", () => {
    expect(claimConflicts(projects, "NEW", [], ["/home/me/src/application", "/home/me/src/lib2"])).toEqual([]);
  });

  it("does not count what the project itself already holds", () => {
    expect(claimConflicts(projects, "APP", ["acme/app"], ["/home/me/src/app/sub"])).toEqual([]);
  });
});

describe("withoutClaims", () => {
  it("takes from the holder only what conflicts", () => {
    const conflicts = claimConflicts(projects, "NEW", ["acme/app"], ["/home/me/src/app/x"]);
    expect(withoutClaims({ key: "APP", repos: ["acme/app", "acme/app-docs"], paths: ["/home/me/src/app", "/srv/app"] }, conflicts)).toEqual({
      repos: ["acme/app-docs"],
      paths: ["/srv/app"],
    });
  });
});
