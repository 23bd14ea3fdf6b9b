// Which of a session post's intents apply now and which wait for a task the hub has not seen created (issue #17, ordering).
import { describe, expect, it } from "vitest";
import type { IntentOrigin, TaskIntent } from "../../src/domain/extract/types";
import { byDoorOrder, byPost, heldBefore, holdBack, keysNeeded, type HeldIntent } from "../../src/domain/held-intents";

const origin: IntentOrigin = { sessionId: "s1", lineUuid: "l1", at: "2026-12-01T10:00:00Z", cwd: "/p", gitBranch: null, chain: "main" };
const create = (key: string): TaskIntent => ({ type: "upsert", origin, externalKey: key, source: "task-tool", title: "Wire the exporter", status: "todo", tags: [], matchByTitle: false });
const complete = (key: string): TaskIntent => ({ type: "upsert", origin, externalKey: key, source: "task-tool", status: "completed", tags: [], matchByTitle: false });
const depend = (key: string, on: string): TaskIntent => ({ type: "depend", origin, externalKey: key, dependsOnExternalKey: on });
const list = (...keys: string[]): TaskIntent => ({ type: "list", origin, items: keys.map((k) => ({ externalKey: k, title: k, status: "todo" })), tags: [] });
const time: TaskIntent = { type: "time", origin, minutes: 5 };
const held = (sessionId: string, doorAt: string, seq: number): HeldIntent => ({ id: `${sessionId}${doorAt}${seq}`, projectId: "p", sessionId, externalKey: "k", doorAt, seq, intent: complete("k") });

describe("holdBack", () => {
  it("holds a completion of a task no one has created, under its key", () => {
    expect(holdBack([complete("task:s1:1")], new Set())).toEqual({ now: [], waiting: [{ externalKey: "task:s1:1", seq: 0, intent: complete("task:s1:1") }] });
  });

  it("lets a completion of a known task apply now", () => {
    expect(holdBack([complete("task:s1:1")], new Set(["task:s1:1"]))).toEqual({ now: [complete("task:s1:1")], waiting: [] });
  });

  it("lets a completion apply now when an earlier intent of the same post creates its task", () => {
    expect(holdBack([create("task:s1:1"), complete("task:s1:1")], new Set())).toEqual({ now: [create("task:s1:1"), complete("task:s1:1")], waiting: [] });
  });

  it("holds a completion that comes before its create in the same post", () => {
    const split = holdBack([complete("task:s1:1"), create("task:s1:1")], new Set());
    expect(split.now).toEqual([create("task:s1:1")]);
    expect(split.waiting.map((w) => w.seq)).toEqual([0]);
  });

  it("counts a list's items as created for the intents after it", () => {
    expect(holdBack([list("todo:a"), complete("todo:a")], new Set()).waiting).toEqual([]);
  });

  it("never holds an intent that can make its own task: a titled upsert, a list, logged time", () => {
    expect(holdBack([create("task:s1:1"), list("todo:b"), time], new Set()).waiting).toEqual([]);
  });

  it("holds a dependency under the first of its ends nobody has created", () => {
    const split = holdBack([depend("task:s1:2", "task:s1:1")], new Set(["task:s1:2"]));
    expect(split.waiting).toEqual([{ externalKey: "task:s1:1", seq: 0, intent: depend("task:s1:2", "task:s1:1") }]);
  });

  it("keeps each waiting intent's place in the post", () => {
    const split = holdBack([complete("task:s1:1"), time, complete("task:s1:2")], new Set());
    expect(split.waiting.map((w) => [w.externalKey, w.seq])).toEqual([["task:s1:1", 0], ["task:s1:2", 2]]);
    expect(split.now).toEqual([time]);
  });
});

describe("keysNeeded", () => {
  it("names each key a post's updates and dependencies need, once, and none its creates make", () => {
    expect(keysNeeded([create("a"), complete("a"), complete("a"), depend("b", "c"), list("d"), time]).sort()).toEqual(["a", "b", "c"]);
  });
});

describe("byDoorOrder", () => {
  it("orders held intents by their posts' door time, then by their place in the post", () => {
    const order = byDoorOrder([held("s", "2026-12-01T10:00:02Z", 0), held("s", "2026-12-01T10:00:01Z", 1), held("s", "2026-12-01T10:00:01Z", 0)]);
    expect(order.map((h) => [h.doorAt, h.seq])).toEqual([["2026-12-01T10:00:01Z", 0], ["2026-12-01T10:00:01Z", 1], ["2026-12-01T10:00:02Z", 0]]);
  });
});

describe("byPost", () => {
  it("groups consecutive held intents of one session and door time, and no others", () => {
    const a = held("s1", "2026-12-01T10:00:01Z", 0);
    const b = held("s1", "2026-12-01T10:00:01Z", 1);
    const c = held("s2", "2026-12-01T10:00:01Z", 0);
    const d = held("s1", "2026-12-01T10:00:02Z", 0);
    expect(byPost([a, b, c, d])).toEqual([[a, b], [c], [d]]);
  });
});

describe("heldBefore", () => {
  it("is the door time a day before the tick", () => {
    const now = Date.parse("2026-12-02T10:00:00Z");
    expect(heldBefore(now)).toBe("2026-12-01T10:00:00.000Z");
  });
});
