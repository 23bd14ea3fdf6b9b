// Compaction summaries: pending tasks, the current one, and a next step; the rest of the summary is not prose.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { fixture, jsonl, SESSION, upserts, userLine } from "./helpers";

describe("the compaction summary of v2.1.39-long-session", () => {
  const x = extractTranscript(fixture("v2.1.39-long-session.jsonl"));
  const compaction = upserts(x, "compaction");

  it("yields the two pending tasks, gqc.6 in progress (as Current Work confirms) and gqc.7 open", () => {
    expect(compaction.map((u) => [u.title, u.status])).toEqual([
      ["Close project review session", "in_progress"],
      ["Launch project review conversation with automatic hook-injected context", "todo"],
    ]);
  });

  it("keys them by their beads ids (the session's tracker), not by title, at the summary line", () => {
    expect(compaction.map((u) => u.externalKey)).toEqual(["beads:spotter-gqc.6", "beads:spotter-gqc.7"]);
    expect(compaction[0]).toMatchObject({
      matchByTitle: false,
      tags: ["repo:spotter-gqc", "branch:spotter-gqc"],
    });
    expect(compaction[0].origin.lineUuid).toBe("58436800-0a29-451b-a8f5-3a0c59957945");
  });

  it("adds no task for the Optional Next Step, which names gqc.6 again", () => {
    expect(compaction.some((u) => /LiveView tests/.test(u.title ?? ""))).toBe(false);
  });

  it("reads no prose from the summary, though it quotes the user's requests", () => {
    expect(upserts(x, "prose")).toHaveLength(0);
  });
});

describe("compaction summaries in other shapes", () => {
  const summary = (body: string) =>
    extractTranscript(jsonl(userLine(`This session is being continued from a previous conversation.\n\nSummary:\n${body}`, undefined, { isCompactSummary: true, isVisibleInTranscriptOnly: true })));

  it("creates an in-progress task from Current Work that names no pending task", () => {
    const x = summary("1. Primary Request:\n   Please add tests.\n\n7. Pending Tasks:\n   - None\n\n8. Current Work:\n   I was working on fixing the TypeScript errors in the auth module. Two remain.\n");
    expect(upserts(x).map((u) => [u.title, u.status])).toEqual([["Fixing the TypeScript errors in the auth module", "in_progress"]]);
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
