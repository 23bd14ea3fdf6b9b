// The whole extractor over real sessions and over slices: what a user relies on, and what must stay out.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import type { TaskIntent } from "../../../src/domain/extract/types";
import { fixture, jsonl, ofType, toolUse, upserts, userLine } from "./helpers";

/** Tasks of a tracker driven from Bash (beads, Task Master), read by bash-trackers.ts. */
const tracked = (i: TaskIntent) => (i.type === "upsert" || i.type === "depend") && /^(beads|taskmaster):/.test(i.externalKey);

describe("modern sessions without a todo tool", () => {
  it.each(["v2.1.38-short.jsonl", "v2.1.38-tool-heavy.jsonl", "v2.1.38-subagent.jsonl"])(
    "%s yields no task: its prompts are immediate commands and bug reports, not requests to track",
    (name) => {
      const x = extractTranscript(fixture(name));
      expect(x.intents.filter((i) => i.type !== "time" && !tracked(i))).toEqual([]);
    },
  );

  it("reads the beads epic and its two children that v2.1.38-subagent.jsonl creates with bd", () => {
    const x = extractTranscript(fixture("v2.1.38-subagent.jsonl"));
    expect(upserts(x).filter(tracked).map((u) => [u.externalKey, u.title, u.parentExternalKey])).toEqual([
      ["beads:spotter-0p7", "Setup Code Quality Tools (Credo, Dialyxir, mix_audit)", undefined],
      ["beads:spotter-0p7.1", "Install quality tools and configure Credo", "beads:spotter-0p7"],
      ["beads:spotter-0p7.2", "Add mix quality alias", "beads:spotter-0p7"],
    ]);
    expect(ofType(x, "depend").map((d) => [d.externalKey, d.dependsOnExternalKey])).toEqual([["beads:spotter-0p7.2", "beads:spotter-0p7.1"]]);
  });

  it("reads no task from the tool output, system lines and code of the long session", () => {
    const x = extractTranscript(fixture("v2.1.39-long-session.jsonl"));
    const untracked = x.intents.filter((i) => !(tracked(i) && i.type === "upsert" && i.source === "task-tool"));
    expect(untracked.map((i) => (i.type === "upsert" ? i.source : i.type))).toEqual(["compaction", "compaction", "time"]);
  });

  it("completes spotter-gqc and its seven children, as the long session's bd close calls did", () => {
    const closed = upserts(extractTranscript(fixture("v2.1.39-long-session.jsonl")), "task-tool");
    expect(closed.map((u) => u.externalKey).sort()).toEqual(["beads:spotter-gqc", ...[1, 2, 3, 4, 5, 6, 7].map((k) => `beads:spotter-gqc.${k}`)]);
    expect(closed.every((u) => u.status === "completed")).toBe(true);
  });

  it("reads session, place and line bookkeeping from the long session", () => {
    const x = extractTranscript(fixture("v2.1.39-long-session.jsonl"));
    expect(x).toMatchObject({
      lines: 1863,
      badLines: 0,
      sessionId: "258c7280-ae70-4798-800f-63464d01a85d",
      cwd: "/home/USER/projects/spotter-worktrees/spotter-gqc",
      gitBranch: "spotter-gqc",
    });
    expect(x.lineUuids.length).toBe(1829); // every line with a uuid; file-history-snapshot and queue-operation lines have none
  });
});

describe("slices", () => {
  it("reads a slice that starts mid-session", () => {
    const lines = fixture("v1.0.98-todowrite-small.jsonl").trimEnd().split("\n");
    const x = extractTranscript(lines.slice(21).join("\n"));
    expect(ofType(x, "list").map((l) => l.items.length)).toEqual([5, 1]);
    expect(x.lineUuids[0]).toBe(JSON.parse(lines[21]).uuid);
  });

  it("gives a list the same keys whether it is read alone or with the whole session", () => {
    const text = fixture("v1.0.108-todowrite-subagents.jsonl");
    const lines = text.trimEnd().split("\n");
    const whole = ofType(extractTranscript(text), "list").at(-1)!;
    const tail = ofType(extractTranscript(lines.slice(40).join("\n")), "list").at(-1)!;
    expect(tail.items.map((i) => i.externalKey)).toEqual(whole.items.map((i) => i.externalKey));
  });

  it("counts lines that are not JSON as bad and reads the rest", () => {
    const x = extractTranscript(["{not json", userLine("please add a favicon"), "[1,2]", "", "partial line {\"uuid\":"].join("\n"));
    expect(x.badLines).toBe(3);
    expect(x.lines).toBe(4);
    expect(upserts(x).map((u) => u.title)).toEqual(["Add a favicon"]);
  });

  it("takes sessionId, cwd and gitBranch from the first line that has them", () => {
    const x = extractTranscript(jsonl(JSON.stringify({ type: "summary", summary: "x" }), toolUse("Read", {}, "t1")));
    expect([x.sessionId, x.cwd, x.gitBranch]).toEqual(["11111111-2222-3333-4444-555555555555", "/home/dev/projects/taskhub", "feature/auth"]);
  });
});
