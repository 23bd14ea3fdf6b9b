// The whole extractor over real sessions and over slices: what a user relies on, and what must stay out.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { fixture, jsonl, ofType, toolUse, upserts, userLine } from "./helpers";

describe("sessions without a todo tool", () => {
  it.each(["c-subagent-agent-progress-v2.1.19.jsonl", "d-compaction-v2.1.39.jsonl"])(
    "%s yields no task: its requests name their object elsewhere and its summary narrates finished work",
    (name) => {
      const x = extractTranscript(fixture(name));
      expect(x.intents.filter((i) => i.type !== "time")).toEqual([]);
    },
  );

  it("reads only the Task tools' task from the tool output, progress lines and compaction summary of the large session", () => {
    const x = extractTranscript(fixture("e-large-1.9mb-compaction-tasks-v2.1.42.jsonl"));
    expect(x.intents.map((i) => (i.type === "upsert" ? i.source : i.type))).toEqual(["task-tool", "task-tool", "task-tool", "time"]);
  });

  it("reads session, place and line bookkeeping from the large session", () => {
    const x = extractTranscript(fixture("e-large-1.9mb-compaction-tasks-v2.1.42.jsonl"));
    expect(x).toMatchObject({
      lines: 433,
      badLines: 0,
      sessionId: "665369bc-1ebb-4fe8-981f-44a473807022",
      cwd: "/Users/ob1/projects/opus-hackathon/napoli-matcha",
      gitBranch: "ralph-loop",
    });
    expect(x.lineUuids.length).toBe(416); // every line with a uuid; file-history-snapshot and queue-operation lines have none
  });
});

describe("slices", () => {
  it("reads a slice that starts mid-session", () => {
    const lines = fixture("a-todowrite-v2.1.4.jsonl").trimEnd().split("\n");
    const x = extractTranscript(lines.slice(45).join("\n"));
    expect(ofType(x, "list")).toHaveLength(3); // the last three of the session's seven TodoWrite calls
    expect(x.lineUuids[0]).toBe(JSON.parse(lines[45]).uuid);
  });

  it("gives a list the same keys whether it is read alone or with the whole session", () => {
    const text = fixture("d2-compaction-summary-lines-todowrite-v2.1.5.jsonl");
    const lines = text.trimEnd().split("\n");
    const whole = ofType(extractTranscript(text), "list").at(-1)!;
    const tail = ofType(extractTranscript(lines.slice(200).join("\n")), "list").at(-1)!;
    expect(tail.items).toHaveLength(5);
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
