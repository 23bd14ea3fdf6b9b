// Task titles: what a person would write, and what is not a task at all.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { cleanTitle, isNarration, isRitual, lacksObject, TITLE_MAX } from "../../../src/domain/extract/titles";
import { jsonl, ofType, SESSION, toolResult, toolUse, upserts, userLine } from "./helpers";

const compaction = (body: string) =>
  extractTranscript(jsonl(userLine(`This session is being continued from a previous conversation.\n\nSummary:\n${body}`, undefined, { isCompactSummary: true })));

describe("cleaned titles", () => {
  it("keeps a tracker id as the task's key, not as the title's prefix, and drops a stray quote", () => {
    const x = compaction('7. Pending Tasks:\n   - X-dov.3: "Implement debug JSON sidecar for each run\n');
    expect(upserts(x).map((u) => [u.title, u.externalKey])).toEqual([["Implement debug JSON sidecar for each run", "beads:X-dov.3"]]);
  });

  it("keeps an id that names no tracker the session used as a tag, not as the title's prefix", () => {
    const x = compaction("7. Pending Tasks:\n   - JIRA-12: Implement debug JSON sidecar for each run\n");
    expect(upserts(x).map((u) => [u.title, u.tags.includes("tracker:JIRA-12")])).toEqual([["Implement debug JSON sidecar for each run", true]]);
  });

  it("cuts a long title at a clause boundary and keeps the whole text in the description", () => {
    const long =
      "Implement retry with exponential backoff for the webhook sender, so that deliveries survive short outages of the receiving end";
    const x = compaction(`## Pending Tasks\n- ${long}\n`);
    const [u] = upserts(x);
    expect(u.title).toBe("Implement retry with exponential backoff for the webhook sender");
    expect(u.description).toContain(long);
  });

  it("cuts at a word boundary, never inside a word, when no clause boundary is near", () => {
    const { title, full } = cleanTitle(`Add ${"verylongidentifier ".repeat(8)}support`);
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(title.endsWith("verylongidentifier")).toBe(true);
    expect(full).toMatch(/support$/);
  });

  it("removes markdown emphasis and code marks but keeps snake_case and globs", () => {
    expect(cleanTitle("**Fix** `manual_commit_rewind.go` for _all_ AGI-* files").title).toBe("Fix manual_commit_rewind.go for all AGI-* files");
  });

  it("drops a conventional-commit prefix", () => {
    expect(cleanTitle("feat(cli): Add the import command").title).toBe("Add the import command");
  });

  it("turns a summary's gerund into the imperative", () => {
    expect(cleanTitle("Fixing the TypeScript errors in the auth module").title).toBe("Fix the TypeScript errors in the auth module");
    expect(cleanTitle("Writing the migration guide").title).toBe("Write the migration guide");
  });

  it("takes a Jira-style key with or without a colon, and another tracker's id only with a colon or brackets", () => {
    expect(cleanTitle("HUB-12 Fix the leak")).toMatchObject({ title: "Fix the leak", trackerId: "HUB-12" });
    expect(cleanTitle("[engram-q1h.2] Define the contract")).toMatchObject({ title: "Define the contract", trackerId: "engram-q1h.2" });
    expect(cleanTitle("utf-8 titles in the export")).toMatchObject({ title: "Utf-8 titles in the export", trackerId: null });
    expect(cleanTitle("auto-assign: ids to tasks")).toMatchObject({ trackerId: null });
  });

  it("leaves a title that starts with an id but has nothing after it", () => {
    expect(cleanTitle("HUB-12").title).toBe("HUB-12");
  });
});

describe("what is not a task", () => {
  it.each([
    "Run tests and lint",
    "Commit and create PR",
    "Run tests to verify fixes",
    "Commit and push",
    "Session close protocol after all tasks complete",
    "Close the session",
    "Make sure all tests pass",
    "Commit & push",
    "Run the linter, then commit",
  ])("%s is a session ritual", (t) => {
    expect(isRitual(t)).toBe(true);
  });

  it.each(["Write telemetry tests", "Run the parser tests", "Close project review session", "Fix the flaky push test", "Add CI smoke checks"])(
    "%s is work",
    (t) => {
      expect(isRitual(t)).toBe(false);
    },
  );

  it.each(["No explicit pending tasks. Both changes are done.", "User asked \"could we have a linting rule?\"", "The most recent work was adding dist/", "All 6 resolved issues have been applied"])(
    "%s narrates the session",
    (t) => {
      expect(isNarration(t)).toBe(true);
    },
  );

  it.each(["The user list should paginate", "No-op writes should not bump updated_at", "Make all tests deterministic"])("%s is a task, not narration", (t) => {
    expect(isNarration(t)).toBe(false);
  });

  it.each(["Fix all 5", "Fix that along the way", "Update them too"])("%s names no object", (t) => {
    expect(lacksObject(t)).toBe(true);
  });

  it("takes a one-word title as terse, not empty", () => {
    expect(lacksObject("Refactor")).toBe(false);
  });

  it("drops a ritual item from every TodoWrite list and keeps the rest", () => {
    const todos = [
      { content: "Add the export route", status: "completed", activeForm: "Adding" },
      { content: "Run tests and lint", status: "in_progress", activeForm: "Running" },
    ];
    const [list] = ofType(extractTranscript(jsonl(toolUse("TodoWrite", { todos }, "toolu_1"))), "list");
    expect(list.items.map((i) => i.title)).toEqual(["Add the export route"]);
  });

  it("drops a ritual made with TaskCreate, and the updates and dependencies that follow it", () => {
    const x = extractTranscript(
      jsonl(
        toolUse("TaskCreate", { subject: "Commit and push", description: "", activeForm: "Committing" }, "toolu_1"),
        toolResult("toolu_1", "Task #1 created successfully: Commit and push", { task: { id: "1", subject: "Commit and push" } }),
        toolUse("TaskCreate", { subject: "Add the export route", description: "", activeForm: "Adding" }, "toolu_2"),
        toolResult("toolu_2", "Task #2 created successfully: Add the export route", { task: { id: "2", subject: "Add the export route" } }),
        toolUse("TaskUpdate", { taskId: "1", addBlockedBy: ["2"] }, "toolu_3"),
        toolUse("TaskUpdate", { taskId: "1", status: "completed" }, "toolu_4"),
      ),
    );
    expect(x.intents.filter((i) => "externalKey" in i && i.externalKey === `task:${SESSION}:1`)).toEqual([]);
    expect(upserts(x).map((u) => u.title)).toEqual(["Add the export route"]);
  });
});
