// Trackers driven from Bash: beads and Task Master calls become tasks keyed by the tracker's own ids.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { shellCommands } from "../../../src/domain/extract/shell";
import { fixture, jsonl, ofType, SESSION, toolResult, toolUse, upserts, userLine } from "./helpers";

let n = 0;
/** A Bash call and its result, as two transcript lines. */
function bash(command: string, output: string, opts: { isError?: boolean } = {}): string[] {
  const id = `toolu_bash_${++n}`;
  const result = JSON.parse(toolResult(id, output, { stdout: output, stderr: "", interrupted: false }));
  if (opts.isError) result.message.content[0].is_error = true;
  return [toolUse("Bash", { command, description: "tracker" }, id), JSON.stringify(result)];
}

const tasksOf = (text: string) => new Map(upserts(extractTranscript(text)).filter((u) => /^(beads|taskmaster):/.test(u.externalKey)).map((u) => [u.externalKey, u]));
const dependsOf = (text: string) => ofType(extractTranscript(text), "depend").map((d) => [d.externalKey, d.dependsOnExternalKey]);

describe("beads in the real session (f-beads, Claude Code 2.1.62)", () => {
  const text = fixture("f-beads-bd-commands-v2.1.62.jsonl");

  it("makes one task per bd create, keyed by the id the result announced, titled as created (less its commit-style prefix)", () => {
    const tasks = tasksOf(text);
    expect(tasks.size).toBe(16);
    expect(tasks.get("beads:engram-rot")).toMatchObject({ title: "Cross-Agent Engram MCP Enforcement", status: "todo", priority: "urgent", source: "task-tool", matchByTitle: false });
    expect(tasks.get("beads:engram-q1h")).toMatchObject({ title: "Define canonical MCP contract schema", priority: "high" });
    expect(tasks.get("beads:engram-8yz")).toMatchObject({ title: "Implement Pi adapter strategy", priority: "medium" });
    expect(tasks.get("beads:engram-rot")!.tags).toEqual(expect.arrayContaining(["tracker:beads", "type:epic"]));
  });

  it("reads each --body heredoc as the task's description", () => {
    expect(tasksOf(text).get("beads:engram-q1h")!.description).toMatch(/^# Task: Define Canonical MCP Contract Schema/);
  });

  it("makes every bd dep add a dependency, including those chained with && and after comments", () => {
    const deps = dependsOf(text);
    expect(deps).toHaveLength(21);
    expect(deps).toContainEqual(["beads:engram-ewk", "beads:engram-q1h"]);
    expect(deps).toContainEqual(["beads:engram-xey", "beads:engram-zf9"]);
    expect(deps).toContainEqual(["beads:engram-5su", "beads:engram-83g"]);
  });

  it("leaves every task open, as the session did", () => {
    expect([...tasksOf(text).values()].every((t) => t.status === "todo")).toBe(true);
  });
});

describe("beads commands", () => {
  it("keeps the status the last command left: create, start, close, reopen", () => {
    const text = jsonl(
      ...bash('bd create "Fix the login redirect" -p 2 -t bug', "✓ Created issue: app-x1f\n  Title: Fix the login redirect"),
      ...bash("bd update app-x1f --status in_progress", "✓ Updated issue: app-x1f"),
      ...bash('bd close app-x1f --reason "done"', "✓ Closed app-x1f"),
    );
    expect(tasksOf(text).get("beads:app-x1f")).toMatchObject({ title: "Fix the login redirect", status: "completed", priority: "medium" });
    const reopened = text + jsonl(...bash("bd reopen app-x1f", "✓ Reopened app-x1f"));
    expect(tasksOf(reopened).get("beads:app-x1f")!.status).toBe("todo");
  });

  it("gives a dotted child id its parent, and --parent the named one", () => {
    const text = jsonl(
      ...bash('bd create "Split the parser" --parent app-x1f', "✓ Created issue: app-x1f.1"),
      ...bash('bd create --title="Write the docs" --parent=app-e9k', "✓ Created issue: app-q2w"),
      ...bash("bd update app-x1f.2 --status=in_progress", ""),
    );
    const tasks = tasksOf(text);
    expect(tasks.get("beads:app-x1f.1")!.parentExternalKey).toBe("beads:app-x1f");
    expect(tasks.get("beads:app-q2w")!.parentExternalKey).toBe("beads:app-e9k");
    expect(tasks.get("beads:app-x1f.2")).toMatchObject({ status: "in_progress", parentExternalKey: "beads:app-x1f" });
  });

  it("reads a parent-child dep as a parent, not a dependency", () => {
    const text = jsonl(...bash("bd dep add app-c3 app-p1 --type parent-child", "✓ Added dependency"));
    expect(tasksOf(text).get("beads:app-c3")!.parentExternalKey).toBe("beads:app-p1");
    expect(dependsOf(text)).toEqual([]);
  });

  it("takes created ids in order when one call creates several", () => {
    const text = jsonl(...bash('bd create "First" && bd create "Second"', "✓ Created issue: app-aa1\n✓ Created issue: app-bb2"));
    const tasks = tasksOf(text);
    expect(tasks.get("beads:app-aa1")!.title).toBe("First");
    expect(tasks.get("beads:app-bb2")!.title).toBe("Second");
  });

  it("makes nothing of a call that failed or announced no id", () => {
    expect(tasksOf(jsonl(...bash('bd create "Fails"', "Error: no database", { isError: true }), ...bash("bd close app-x1f", "boom", { isError: true }))).size).toBe(0);
    expect(tasksOf(jsonl(...bash('bd create "Quiet"', ""))).size).toBe(0);
  });

  it("ignores bd words that are not a call: quoted, echoed or reading commands", () => {
    const text = jsonl(...bash('echo "bd create x" && grep -r "bd close" . | head; bd list --status=open', "✓ Created issue: app-zz9"));
    expect(tasksOf(text).size).toBe(0);
  });
});

describe("Task Master commands", () => {
  it("creates a task from add-task's announced id, tagged master, and moves it with set-status", () => {
    const text = jsonl(
      ...bash('task-master add-task --prompt="Add rate limiting to the public API" --priority=high', "╭─╮\n│ Task 12 Created Successfully │"),
      ...bash("task-master set-status --id=12 --status=in-progress", "Successfully updated task 12 status"),
      ...bash("task-master set-status --id=12 --status=done", "Successfully updated task 12 status"),
    );
    expect(tasksOf(text).get("taskmaster:master:12")).toMatchObject({ title: "Add rate limiting to the public API", status: "completed", priority: "high" });
  });

  it("uses the tag in force, and makes subtask ids children of their task", () => {
    const text = jsonl(
      ...bash("task-master use-tag feature-auth", "Switched to tag feature-auth"),
      ...bash("task-master set-status --id=5.2,5.3 --status=done", "ok"),
      ...bash("npx task-master add-dependency --id=6 --depends-on=5", "ok"),
    );
    const tasks = tasksOf(text);
    expect(tasks.get("taskmaster:feature-auth:5.2")).toMatchObject({ status: "completed", parentExternalKey: "taskmaster:feature-auth:5" });
    expect(tasks.has("taskmaster:feature-auth:5.3")).toBe(true);
    expect(dependsOf(text)).toEqual([["taskmaster:feature-auth:6", "taskmaster:feature-auth:5"]]);
  });
});

describe("a compaction summary that names a tracker id", () => {
  it("moves that tracker task rather than making a new one", () => {
    const summary = "This session is being continued.\n\n## Pending Tasks\n- X-dov.3: Wire the parser into ingest (in progress)\n- Write the changelog";
    const tasks = upserts(extractTranscript(jsonl(userLine(summary, undefined, { isCompactSummary: true }))), "compaction");
    expect(tasks.map((t) => t.externalKey)).toEqual([`beads:X-dov.3`, `compaction:${SESSION}:write the changelog`]);
    expect(tasks[0]).toMatchObject({ title: "Wire the parser into ingest", status: "in_progress", matchByTitle: false });
  });

  it("knows a bare beads id once the session has used its prefix", () => {
    const text = jsonl(
      ...bash('bd create "Add the export button"', "✓ Created issue: app-k7m"),
      userLine("## Pending Tasks\n- app-k7m: Add the export button", undefined, { isCompactSummary: true }),
    );
    expect(upserts(extractTranscript(text), "compaction").map((t) => t.externalKey)).toEqual(["beads:app-k7m"]);
  });
});

describe("shellCommands", () => {
  it("splits on &&, ||, ;, | and newlines, and unquotes words", () => {
    expect(shellCommands(`bd create "a b" && bd close x-1; echo 'c d' | wc -l\nbd dep add a-1 b-2 || true`)).toEqual([
      ["bd", "create", "a b"],
      ["bd", "close", "x-1"],
      ["echo", "c d"],
      ["wc", "-l"],
      ["bd", "dep", "add", "a-1", "b-2"],
      ["true"],
    ]);
  });

  it("drops redirections and comments, and skips heredoc bodies", () => {
    expect(shellCommands("# note\nbd list 2>/dev/null | head -40\ncat <<EOF > f\nbd close x-1\nEOF\nbd ready")).toEqual([
      ["bd", "list"],
      ["head", "-40"],
      ["cat"],
      ["bd", "ready"],
    ]);
  });

  it("reads $(cat <<'EOF' … EOF) as the heredoc's text and keeps other substitutions whole", () => {
    expect(shellCommands(`bd create --body="$(cat <<'B'\nline "1" (x)\nB\n)" --title="$(date)"`)).toEqual([["bd", "create", '--body=line "1" (x)', "--title=$(date)"]]);
  });
});
