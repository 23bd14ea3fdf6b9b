// TodoWrite: lists per chain, item shapes, keys that survive rewrites, subagent lists with their parents.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { preTwoOneSubagents } from "../../e2e/synthetic-session";
import { fixture, jsonl, ofType, SESSION, toolUse } from "./helpers";

const summary = (items: { title: string; status: string }[]) => items.map((i) => `${i.status}: ${i.title}`);

describe("TodoWrite on a-todowrite", () => {
  const x = extractTranscript(fixture("a-todowrite-v2.1.4.jsonl"));
  const lists = ofType(x, "list");

  it("yields one list intent per TodoWrite call", () => {
    expect(lists).toHaveLength(7);
    expect(lists.every((l) => l.origin.chain === "main")).toBe(true);
  });

  it("maps statuses and keeps the work items of the first list, leaving out the session rituals", () => {
    expect(summary(lists[0].items)).toEqual([
      "in_progress: Create telemetry package with telemetry.go",
      "todo: Add dependencies to go.mod (posthog-go, machineid)",
      "todo: Integrate telemetry in main.go",
      "todo: Write telemetry tests",
    ]);
    // "Run tests and lint" and "Commit and create PR" are in every list the model wrote, and in none read.
    expect(lists.flatMap((l) => l.items).some((i) => /lint|commit/i.test(i.title))).toBe(false);
  });

  it("moves one item at a time and ends with every item completed", () => {
    expect(summary(lists[1].items).slice(0, 2)).toEqual(["completed: Create telemetry package with telemetry.go", "in_progress: Add dependencies to go.mod (posthog-go, machineid)"]);
    expect(lists[6].items.every((i) => i.status === "completed")).toBe(true);
  });

  it("gives an item the same key in every rewrite of the list", () => {
    const key = (l: (typeof lists)[number]) => l.items.find((i) => i.title.startsWith("Write telemetry"))!.externalKey;
    for (const l of lists) expect(key(l)).toBe(key(lists[0]));
    expect(key(lists[6])).toBe("todo:4e836284-4a0a-44a1-acb3-38c68db78007:main:write telemetry tests");
  });

  it("tags repository and branch", () => {
    expect(lists[0].tags).toEqual(["repo:cli", "branch:gtrrz-victor/add-telemetry"]);
  });

  it("reports the line bookkeeping of the file, which starts mid-session", () => {
    expect(x.lines).toBe(114);
    expect(x.badLines).toBe(0);
    expect(x.lineUuids).toHaveLength(108); // file-history-snapshot lines have no uuid
    expect(x.sessionId).toBe("4e836284-4a0a-44a1-acb3-38c68db78007");
    expect(x.cwd).toBe("/Users/gtrrz-victor/wks/cli");
  });
});

// No index-served transcript has sidechain lines (see test/fixtures/claude/README.md); the synthetic session
// has a subagent run in the shape Claude Code 1.0.x wrote: isSidechain, no agentId, parentUuid null on the prompt.
describe("TodoWrite in a subagent run without agentIds", () => {
  const text = preTwoOneSubagents();
  const x = extractTranscript(text);
  const lists = ofType(x, "list");
  const main = lists.filter((l) => l.origin.chain === "main");
  const side = lists.filter((l) => l.origin.chain !== "main");

  it("reads the run's lists as its own chain, keyed by the run's first line", () => {
    expect(side).toHaveLength(3);
    const chain = side[0].origin.chain;
    expect(side.every((l) => l.origin.chain === chain)).toBe(true);
    expect(side[0].items[0].externalKey).toBe(`todo:${x.sessionId}:${chain}:read the parser`);
  });

  it("tags the run's lists with the agent type of the Task call that launched it", () => {
    expect(side[0].tags).toContain("agent:general-purpose");
  });

  it("parents the run's lists on the main task in progress that its launch describes", () => {
    const parent = main[0].items.find((i) => i.title === "Research the config format")!;
    expect(side[0].parentExternalKey).toBe(parent.externalKey);
  });
});

describe("TodoWrite item shapes", () => {
  it("reads the older {id, content, status, priority} shape with its priority", () => {
    const x = extractTranscript(jsonl(toolUse("TodoWrite", { todos: [
      { id: "1", content: "Add login form", status: "pending", priority: "high" },
      { id: "2", content: "Write docs", status: "completed", priority: "low" },
    ] }, "toolu_1")));
    const [list] = ofType(x, "list");
    expect(list.items).toEqual([
      { externalKey: `todo:${SESSION}:main:add login form`, title: "Add login form", status: "todo", priority: "high" },
      { externalKey: `todo:${SESSION}:main:write docs`, title: "Write docs", status: "completed", priority: "low" },
    ]);
  });

  it("keeps one item when a list names the same task twice, with the later status", () => {
    const x = extractTranscript(jsonl(toolUse("TodoWrite", { todos: [
      { content: "Fix the build", status: "pending", activeForm: "Fixing the build" },
      { content: "fix the build!", status: "in_progress", activeForm: "Fixing the build" },
    ] }, "toolu_1")));
    expect(ofType(x, "list")[0].items.map((i) => i.status)).toEqual(["in_progress"]);
  });

  it("keys items of a sidechain that carries agentId by that agent", () => {
    const x = extractTranscript(jsonl(toolUse("TodoWrite", { todos: [{ content: "Scan deps", status: "pending", activeForm: "Scanning" }] }, "toolu_1", undefined, { isSidechain: true, agentId: "a881341" })));
    const [list] = ofType(x, "list");
    expect(list.origin.chain).toBe("a881341");
    expect(list.items[0].externalKey).toBe(`todo:${SESSION}:a881341:scan deps`);
    expect(list.tags).toContain("agent:a881341");
  });
});
