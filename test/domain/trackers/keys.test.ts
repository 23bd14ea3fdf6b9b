// A tracker's ids are its project's own: stored under the project, shown as the tracker's again.
import { describe, expect, it } from "vitest";
import type { IntentOrigin, TaskIntent } from "../../../src/domain/extract/types";
import { isTrackerKey, scopeIntents, storedTrackerKey, trackerKeyOf } from "../../../src/domain/trackers/keys";

const origin: IntentOrigin = { sessionId: "s1", lineUuid: "l1", at: "2026-12-01T00:00:00Z", cwd: "/repo", gitBranch: "main", chain: "main" };

describe("storedTrackerKey", () => {
  it("puts beads, Task Master and Backlog.md ids under the project", () => {
    expect(storedTrackerKey("p1", "beads:sky-1")).toBe("p1/beads:sky-1");
    expect(storedTrackerKey("p1", "taskmaster:master:5.2")).toBe("p1/taskmaster:master:5.2");
    expect(storedTrackerKey("p1", "backlog:task-4")).toBe("p1/backlog:task-4");
  });

  it("leaves keys that name their own scope (a session's, Claude's list) as they are", () => {
    for (const k of ["task:s1:3", "claude:HUB:3", "prose:s1:fix it", "github:acme/x#4"]) expect(storedTrackerKey("p1", k)).toBe(k);
  });

  it("the same Task Master id in two projects is two keys", () => {
    expect(storedTrackerKey("a", "taskmaster:master:1")).not.toBe(storedTrackerKey("b", "taskmaster:master:1"));
  });
});

describe("trackerKeyOf", () => {
  it("gives back the tracker's own id, and other keys unchanged", () => {
    expect(trackerKeyOf("p1/beads:sky-1")).toBe("beads:sky-1");
    expect(trackerKeyOf("beads:sky-1")).toBe("beads:sky-1");
    expect(trackerKeyOf("task:s1:3")).toBe("task:s1:3");
    expect(trackerKeyOf("p1/task:s1:3")).toBe("p1/task:s1:3");
  });
});

describe("isTrackerKey", () => {
  it("knows beads and Task Master keys stored or said", () => {
    expect(isTrackerKey("p1/beads:sky-1")).toBe(true);
    expect(isTrackerKey("taskmaster:master:1")).toBe(true);
    expect(isTrackerKey("task:s1:1")).toBe(false);
    expect(isTrackerKey(null)).toBe(false);
  });
});

describe("scopeIntents", () => {
  it("stores every tracker id a session names under the session's project, and nothing else", () => {
    const intents: TaskIntent[] = [
      { type: "upsert", origin, externalKey: "beads:sky-2", source: "task-tool", title: "x", tags: [], matchByTitle: false, parentExternalKey: "beads:sky-1" },
      { type: "depend", origin, externalKey: "beads:sky-2", dependsOnExternalKey: "task:s1:1" },
      { type: "list", origin, items: [{ externalKey: "todo:s1:main:a", title: "a", status: "todo" }], tags: [] },
      { type: "time", origin, minutes: 5 },
    ];
    expect(scopeIntents("p1", intents)).toEqual([
      { ...intents[0], externalKey: "p1/beads:sky-2", parentExternalKey: "p1/beads:sky-1" },
      { ...intents[1], externalKey: "p1/beads:sky-2", dependsOnExternalKey: "task:s1:1" },
      intents[2],
      intents[3],
    ]);
  });
});
