// TodoWrite: lists per chain, item shapes, keys that survive rewrites, subagent lists with their parents.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { fixture, jsonl, ofType, SESSION, toolUse } from "./helpers";

const summary = (items: { title: string; status: string }[]) => items.map((i) => `${i.status}: ${i.title}`);

describe("TodoWrite on v1.0.98-todowrite-small", () => {
  const x = extractTranscript(fixture("v1.0.98-todowrite-small.jsonl"));
  const lists = ofType(x, "list");

  it("yields one list intent per TodoWrite call", () => {
    expect(lists).toHaveLength(3);
    expect(lists.every((l) => l.origin.chain === "main")).toBe(true);
  });

  it("maps statuses and keeps the items of the first list", () => {
    expect(summary(lists[0].items)).toEqual([
      "in_progress: Analyze codebase structure and files",
      "todo: Identify build, test, and lint commands",
      "todo: Understand high-level architecture",
      "todo: Check for existing CLAUDE.md, README.md, or rule files",
      "todo: Create CLAUDE.md with essential information",
    ]);
  });

  it("ends with the last list the model wrote: one completed item", () => {
    expect(summary(lists[1].items).filter((s) => s.startsWith("completed"))).toHaveLength(4);
    expect(summary(lists[2].items)).toEqual(["completed: Create CLAUDE.md with essential information"]);
  });

  it("gives an item the same key in every rewrite of the list", () => {
    const key = (l: (typeof lists)[number]) => l.items.find((i) => i.title.startsWith("Create CLAUDE.md"))!.externalKey;
    expect(key(lists[0])).toBe(key(lists[1]));
    expect(key(lists[0])).toBe(key(lists[2]));
    expect(key(lists[2])).toBe("todo:1af7fc5e-8455-4414-9ccd-011d40f70b2a:main:create claude md with essential information");
  });

  it("tags the repository and leaves out an empty branch", () => {
    expect(lists[0].tags).toEqual(["repo:Demo"]);
    expect(x.gitBranch).toBeNull();
  });

  it("reports the line bookkeeping of the file", () => {
    expect(x.lines).toBe(29);
    expect(x.badLines).toBe(0);
    expect(x.lineUuids).toHaveLength(29);
    expect(x.sessionId).toBe("1af7fc5e-8455-4414-9ccd-011d40f70b2a");
    expect(x.cwd).toBe("/path/to/Demo");
  });
});

describe("TodoWrite on v1.0.108-todowrite-subagents", () => {
  const text = fixture("v1.0.108-todowrite-subagents.jsonl");
  const x = extractTranscript(text);
  const lists = ofType(x, "list");

  it("yields the five main-chain lists; the subagents of this file wrote no todos", () => {
    expect(lists).toHaveLength(5);
    expect(lists.every((l) => l.origin.chain === "main" && l.parentExternalKey === undefined)).toBe(true);
    expect(summary(lists[4].items).every((s) => s.startsWith("completed"))).toBe(true);
  });

  it("lets two items be in progress at once, as the model wrote them", () => {
    expect(summary(lists[2].items)).toEqual([
      "completed: Discover available commands in the project",
      "in_progress: Analyze current project structure",
      "in_progress: Check package.json for dependencies and scripts",
      "todo: Update CLAUDE.md with latest project information",
    ]);
  });

  it("tags repository and branch", () => {
    expect(lists[0].tags).toEqual(["repo:Demo", "branch:main"]);
  });

  // The fixture's sidechain lines show how a subagent run looks (isSidechain, parentUuid null on the prompt line,
  // no agentId); a TodoWrite is added inside the "Check package configuration" run in that same shape.
  const lines = text.trimEnd().split("\n");
  const runLine = JSON.parse(lines[16]); // the subagent's first assistant line (line 17)
  const sideTodo = JSON.stringify({
    ...runLine,
    parentUuid: runLine.uuid,
    uuid: "aaaaaaaa-0000-4000-8000-000000000001",
    timestamp: "2025-09-07T09:52:31.100Z",
    message: { ...runLine.message, content: [{ type: "tool_use", id: "toolu_side", name: "TodoWrite", input: { todos: [
      { content: "Read package.json", status: "in_progress", activeForm: "Reading package.json" },
      { content: "Summarise scripts", status: "pending", activeForm: "Summarising scripts" },
    ] } }] },
  });
  const withSide = [...lines.slice(0, 17), sideTodo, ...lines.slice(17)].join("\n");
  const side = ofType(extractTranscript(withSide), "list").filter((l) => l.origin.chain !== "main");

  it("reads a subagent's TodoWrite as its own chain's list, keyed by that chain", () => {
    expect(side).toHaveLength(1);
    expect(side[0].origin.chain).toBe("6340ddef-f656-4b72-a065-82390f637678");
    expect(side[0].items[0].externalKey).toBe(`todo:${x.sessionId}:6340ddef-f656-4b72-a065-82390f637678:read package json`);
  });

  it("tags a subagent's list with the agent type of the Task call that launched it", () => {
    expect(side[0].tags).toEqual(["repo:Demo", "branch:main", "agent:general-purpose"]);
  });

  it("parents a subagent's list on the main task in progress that its launch describes", () => {
    const parent = lists[2].items.find((i) => i.title.startsWith("Check package.json"))!;
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
