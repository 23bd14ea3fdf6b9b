// Plan mode: an approved ExitPlanMode plan becomes its steps under its title; a rejected one makes nothing.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { readPlan } from "../../../src/domain/extract/plan-mode";
import { fixture, jsonl, SESSION, toolResult, toolUse, upserts } from "./helpers";

const PLAN = `# Plan: Add CSV export to the reports page

## Context
Reports can only be read on screen; finance wants a file.

## Implementation Steps
1. **Add a CSV serializer** in \`src/domain/reports.ts\` — one row per task
2. Add the \`GET /reports.csv\` route
   - stream rows, do not buffer
3. Link the export from the dashboard

## Verification
1. Run \`npm test\`
`;

const APPROVED = `User has approved your plan. You can now start coding. Start with updating your todo list if applicable

Your plan has been saved to: /home/dev/.claude/plans/csv-export.md
You can refer back to it if needed during implementation.

## Approved Plan:
${PLAN}`;

const planTasks = (text: string) => upserts(extractTranscript(text)).filter((u) => u.externalKey.startsWith("plan:"));

describe("ExitPlanMode in the real session (g-exitplanmode, Claude Code 2.1.12)", () => {
  it("makes no task of the two plans the person rejected", () => {
    expect(planTasks(fixture("g-exitplanmode-v2.1.12.jsonl"))).toEqual([]);
  });

  it("would make one task, titled by the plan, had the same plan been approved (it has no step list)", () => {
    const text = fixture("g-exitplanmode-v2.1.12.jsonl")
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const rec = JSON.parse(line);
        const block = rec.message?.content?.[0];
        if (block?.type !== "tool_result" || !String(block.content).includes("doesn't want to proceed")) return line;
        block.content = "User has approved your plan. You can now start coding.";
        delete block.is_error;
        rec.toolUseResult = { plan: "…", isAgent: false };
        return JSON.stringify(rec);
      })
      .join("\n");
    const tasks = planTasks(text);
    expect(tasks.map((t) => [t.title, t.parentExternalKey])).toEqual([
      ["Fix Error Handling in main.go", undefined],
      ["Fix Error Handling in main.go", undefined],
    ]);
    expect(new Set(tasks.map((t) => t.externalKey)).size).toBe(1);
  });
});

describe("an approved plan", () => {
  it("becomes its steps under a parent titled by the plan (2.1.332 input: {plan, planFilePath})", () => {
    const text = jsonl(toolUse("ExitPlanMode", { plan: PLAN, planFilePath: "/home/dev/.claude/plans/csv-export.md" }, "p1"), toolResult("p1", APPROVED, { plan: PLAN, isAgent: false, filePath: "/home/dev/.claude/plans/csv-export.md" }));
    const [parent, ...steps] = planTasks(text);
    expect(parent).toMatchObject({ externalKey: `plan:${SESSION}:add csv export to the reports page`, title: "Add CSV export to the reports page", status: "todo" });
    expect(parent.parentExternalKey).toBeUndefined();
    expect(steps.map((s) => s.title)).toEqual(["Add a CSV serializer in src/domain/reports.ts", "Add the GET /reports.csv route", "Link the export from the dashboard"]);
    expect(steps.every((s) => s.parentExternalKey === parent.externalKey && s.status === "todo")).toBe(true);
  });

  it("is read from the result alone when the call was in an earlier slice", () => {
    const titles = planTasks(jsonl(toolResult("p-earlier", APPROVED, {}))).map((t) => t.title);
    expect(titles).toEqual(["Add CSV export to the reports page", "Add a CSV serializer in src/domain/reports.ts", "Add the GET /reports.csv route", "Link the export from the dashboard"]);
  });

  it("with one step is one task", () => {
    const plan = "# Plan: Bump the Node version\n\n## Steps\n- Set engines.node to 20 in package.json\n";
    const text = jsonl(toolUse("ExitPlanMode", { plan }, "p2"), toolResult("p2", "User has approved your plan. You can now start coding.", {}));
    expect(planTasks(text).map((t) => [t.title, t.parentExternalKey])).toEqual([["Set engines.node to 20 in package.json", undefined]]);
  });
});

describe("a rejected plan", () => {
  it.each([
    ["an error result", "The user doesn't want to proceed with this tool use. The tool use was rejected.", true],
    ["User rejected", "User rejected the plan: keep it smaller", false],
  ])("makes nothing: %s", (_, content, isError) => {
    const result = JSON.parse(toolResult("p3", content, `Error: ${content}`));
    if (isError) result.message.content[0].is_error = true;
    expect(planTasks(jsonl(toolUse("ExitPlanMode", { plan: PLAN }, "p3"), JSON.stringify(result)))).toEqual([]);
  });
});

describe("readPlan", () => {
  it("takes ### step headings under a steps section as the steps", () => {
    const plan = "# Migrate to D1\n\n## Approach\n### Step 1: Write the migration\n- details\n### Step 2: Backfill rows\n\n## Risks\n- data loss";
    expect(readPlan(plan)).toEqual({ title: "Migrate to D1", steps: ["Write the migration", "Backfill rows"] });
  });

  it("takes numbered sections as steps when no section is called steps", () => {
    const plan = "# Plan: Cache\n\n## 1. Add a cache port\ntext\n## 2. Wire it into reads\ntext\n";
    expect(readPlan(plan).steps).toEqual(["Add a cache port", "Wire it into reads"]);
  });

  it("reads no step from code blocks", () => {
    expect(readPlan("# T\n## Steps\n```\n- not a step\n```\n- a real step\n- another step").steps).toEqual(["A real step", "Another step"]);
  });
});
