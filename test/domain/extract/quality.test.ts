// Extraction quality: the scorer, and the floors the extractor must hold on the real sessions' truth files.

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { extractedTasks, scoreExtraction, scoreTranscript, titleSimilarity, totalScore, type ExtractedTask, type Truth } from "../../../src/domain/extract/quality";
import { TASK_STATUSES } from "../../../src/domain/tasks";
import { fixture, jsonl, toolUse } from "./helpers";

const TRUTH = fileURLToPath(new URL("../../fixtures/claude/truth/", import.meta.url).href);
const truths: Truth[] = readdirSync(TRUTH)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(TRUTH + f, "utf8")));

const task = (title: string, status: ExtractedTask["status"] = "todo", source: ExtractedTask["source"] = "prose"): ExtractedTask => ({ key: title, title, status, source });

describe("the scorer", () => {
  it("matches titles that say the same thing in other words and forms", () => {
    expect(titleSimilarity("Adding `id` field to TaskRequest", "Add id field to TaskRequest")).toBe(1);
    expect(titleSimilarity("Fix the login form", "Write the migration guide")).toBe(0);
  });

  it("matches one to one, the most similar pair first, and counts a second telling of a task as a duplicate", () => {
    const s = scoreExtraction(
      [task("Add CSV export to reports"), task("Add CSV export"), task("Document the API")],
      [{ title: "Add CSV export", status: "todo", source: "prose" }],
    );
    expect(s.pairs.map((p) => p.extracted)).toEqual(["Add CSV export"]);
    expect(s).toMatchObject({ matched: 1, duplicates: 1, precision: 1 / 3, recall: 1 });
  });

  it("agrees on status only where the extracted task ends as the truth says", () => {
    const s = scoreExtraction([task("Add CSV export", "completed"), task("Document the API", "todo")], [
      { title: "Add CSV export", status: "completed", source: "prose" },
      { title: "Document the API", status: "completed", source: "prose" },
    ]);
    expect([s.statusAgreed, s.statusAgreement]).toEqual([1, 0.5]);
  });

  it("counts precision per origin", () => {
    const s = scoreExtraction([task("Add CSV export", "todo", "todo-tool"), task("Fix that along the way")], [{ title: "Add CSV export", status: "todo", source: "todo-tool" }]);
    expect(s.byOrigin).toEqual({ "todo-tool": { extracted: 1, matched: 1 }, prose: { extracted: 1, matched: 0 } });
  });

  it("folds a session's lists as the store does: an open item a later list leaves out is cancelled", () => {
    const todo = (content: string, status: string) => ({ content, status, activeForm: content });
    const x = extractTranscript(
      jsonl(
        toolUse("TodoWrite", { todos: [todo("Add CSV export", "in_progress"), todo("Document the API", "pending")] }, "t1"),
        toolUse("TodoWrite", { todos: [todo("Add CSV export", "completed")] }, "t2"),
      ),
    );
    expect(extractedTasks(x).map((t) => [t.title, t.status])).toEqual([
      ["Add CSV export", "completed"],
      ["Document the API", "cancelled"],
    ]);
  });

  it("takes ratios over the summed counts, so each task weighs the same", () => {
    const a = scoreExtraction([task("Add CSV export")], [{ title: "Add CSV export", status: "todo", source: "prose" }]);
    const b = scoreExtraction([task("One"), task("Two"), task("Three")], []);
    expect(totalScore([a, b]).precision).toBe(1 / 4);
  });
});

describe("the truth files", () => {
  it("cover every transcript in test/fixtures/claude", () => {
    const transcripts = readdirSync(fileURLToPath(new URL("../../fixtures/claude/", import.meta.url).href)).filter((f) => f.endsWith(".jsonl"));
    expect(truths.map((t) => t.transcript).sort()).toEqual(transcripts.sort());
  });

  it.each(truths.map((t) => [t.transcript, t] as const))("%s names tasks with a title, a status and an origin", (_, t) => {
    expect(t.tasks.length).toBeGreaterThan(0);
    for (const k of t.tasks) {
      expect(k.title.length).toBeGreaterThan(0);
      expect(k.title.length).toBeLessThanOrEqual(80);
      expect(TASK_STATUSES).toContain(k.status);
      expect(["todo-tool", "tracker", "plan", "prose"]).toContain(k.source);
    }
  });
});

describe("the extractor against the truth on real sessions", () => {
  const scores = truths.map((t) => ({ name: t.transcript, score: scoreTranscript(fixture(t.transcript), t) }));
  const total = totalScore(scores.map((s) => s.score));

  it("agrees with at least 95% of the matched tasks' end-of-session statuses", () => {
    expect(total.statusAgreement).toBeGreaterThanOrEqual(0.95);
  });

  it("is right about at least 80% of the tasks it reads from prose", () => {
    const prose = total.byOrigin.prose ?? { extracted: 0, matched: 0 };
    expect(prose.matched).toBeGreaterThanOrEqual(0.8 * prose.extracted);
  });

  it.each(truths.map((t) => t.transcript))("never tells one task of %s twice", (name) => {
    expect(scores.find((s) => s.name === name)!.score.duplicates).toBe(0);
  });

  it("reads every task of the TodoWrite and TaskCreate sessions, with its status", () => {
    for (const name of ["a-todowrite-v2.1.4.jsonl", "b-taskcreate-taskupdate-v2.1.39.jsonl"]) {
      const s = scores.find((x) => x.name === name)!.score;
      expect([s.recall, s.statusAgreement, s.precision]).toEqual([1, 1, 1]);
    }
  });
});
