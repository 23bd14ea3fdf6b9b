// Compaction summaries: pending tasks, the current one, and a next step; the rest of the summary is not prose.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { fixture, jsonl, SESSION, upserts, userLine } from "./helpers";

describe("compaction summaries of real sessions", () => {
  // Each summary's Pending Tasks, Current Work and Next Step narrate finished work ("No explicit pending tasks",
  // "The most recent work was…", "User asked…"); none of it is a task a person would write down.
  it.each(["d-compaction-v2.1.39.jsonl", "d2-compaction-summary-lines-todowrite-v2.1.5.jsonl", "e-large-1.9mb-compaction-tasks-v2.1.42.jsonl"])(
    "%s yields no task from its summary",
    (name) => {
      expect(upserts(extractTranscript(fixture(name)), "compaction")).toEqual([]);
    },
  );

  it("reads no prose from the summaries, though they quote the user's requests", () => {
    expect(upserts(extractTranscript(fixture("d-compaction-v2.1.39.jsonl")), "prose")).toEqual([]);
  });
});

describe("compaction summaries in other shapes", () => {
  const summary = (body: string) =>
    extractTranscript(jsonl(userLine(`This session is being continued from a previous conversation.\n\nSummary:\n${body}`, undefined, { isCompactSummary: true, isVisibleInTranscriptOnly: true })));

  it("creates an in-progress task, in the imperative, from Current Work that names no pending task", () => {
    const x = summary("1. Primary Request:\n   Please add tests.\n\n7. Pending Tasks:\n   - None\n\n8. Current Work:\n   I was working on fixing the TypeScript errors in the auth module. Two remain.\n");
    expect(upserts(x).map((u) => [u.title, u.status])).toEqual([["Fix the TypeScript errors in the auth module", "in_progress"]]);
  });

  it("creates an open task from an Optional Next Step that names no pending task", () => {
    const x = summary("## Optional Next Step\nRun the migration against staging and verify the row counts.\n");
    expect(upserts(x)[0]).toMatchObject({ title: "Run the migration against staging and verify the row counts", status: "todo", source: "compaction" });
  });

  it("matches section names case-insensitively and reads unindented bullets", () => {
    const x = summary("PENDING TASKS:\n- Add CSV export\n- Document the API\n");
    expect(upserts(x).map((u) => u.externalKey)).toEqual([`compaction:${SESSION}:add csv export`, `compaction:${SESSION}:document the api`]);
  });

  it("reads numbered items under a markdown heading", () => {
    const x = summary("## Pending Tasks\n1. Add CSV export\n2. Document the API\n\n## Current Work\nAdding CSV export.\n");
    expect(upserts(x).map((u) => [u.title, u.status])).toEqual([["Add CSV export", "in_progress"], ["Document the API", "todo"]]);
  });

  it("reads nothing from a summary without those sections", () => {
    expect(upserts(summary("1. Primary Request: please add tests\n2. Key Technical Concepts:\n   - TODO: none"))).toHaveLength(0);
  });
});
