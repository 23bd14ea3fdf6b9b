// `taskhub import --from …`: finding a tracker's files where it keeps them, the request it posts, the summary it prints.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatTrackerSummary, readTrackerFiles } from "../../cli/trackers.mjs";
import { fromBacklog } from "../../src/domain/trackers/backlog";
import { fromBeads } from "../../src/domain/trackers/beads";
import { fromClaudeTasks } from "../../src/domain/trackers/claude-tasks";
import { fromTaskMaster } from "../../src/domain/trackers/taskmaster";
import { backlogFiles, claudeFiles, fixture } from "../domain/trackers/fixtures";
import { GOOD_TOKEN, type Hub, runCli, sandbox, startHub } from "./helpers";

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

/** A repository laid out as each tracker leaves it, from the real fixture files. */
function repository() {
  const repo = path.join(sandbox().work, "repo");
  const put = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };
  put(".beads/issues.jsonl", fixture("beads-icehouse.jsonl"));
  put(".taskmaster/tasks/tasks.json", fixture("taskmaster-testcraft.json"));
  for (const f of backlogFiles()) put(`backlog/${f.path}`, f.text);
  put("backlog/archive/tasks/task-1 - old.md", "---\nid: task-1\ntitle: Old\n---\n");
  put("backlog/docs/doc-1.md", "---\nid: doc-1\ntitle: A doc\n---\n");
  const list = path.join(repo, "home/.claude/tasks/time-tracker");
  for (const f of claudeFiles()) put(`home/.claude/tasks/time-tracker/${f.name}`, f.text);
  put("home/.claude/tasks/time-tracker/.lock", "");
  put("home/.claude/tasks/time-tracker/.highwatermark", "16");
  return { repo, list };
}

describe("readTrackerFiles", () => {
  const { repo, list } = repository();

  it("beads: .beads/issues.jsonl of the repository, as the importer reads it", () => {
    const body = readTrackerFiles("beads", repo);
    expect(body.files.map((f) => f.path)).toEqual(["issues.jsonl"]);
    expect(fromBeads(body.files[0].text)).toEqual(fromBeads(fixture("beads-icehouse.jsonl")));
  });

  it("taskmaster: .taskmaster/tasks/tasks.json, or the file itself", () => {
    const body = readTrackerFiles("taskmaster", repo);
    expect(body).toEqual(readTrackerFiles("taskmaster", path.join(repo, ".taskmaster/tasks/tasks.json")));
    expect(fromTaskMaster(body.files[0].text).tasks).toHaveLength(122);
  });

  it("backlog: config.yml and the task files, not the archive or the docs", () => {
    const body = readTrackerFiles("backlog", repo);
    expect(body.files).toEqual(backlogFiles());
    expect(fromBacklog(body.files)).toEqual(fromBacklog(backlogFiles()));
  });

  it("claude-tasks: every task file of the list in number order, its folder name the list id", () => {
    const body = readTrackerFiles("claude-tasks", list);
    expect(body.listId).toBe("time-tracker");
    expect(body.files.map((f) => f.path)).toEqual(Array.from({ length: 16 }, (_, i) => `${i + 1}.json`));
    const files = body.files.map((f) => ({ name: f.path, text: f.text }));
    expect(fromClaudeTasks(body.listId!, files).tasks).toEqual(fromClaudeTasks("time-tracker", claudeFiles()).tasks);
  });

  it("an unknown tracker or a place without its files is refused", () => {
    expect(() => readTrackerFiles("jira", repo)).toThrow(/--from must be one of/);
    expect(() => readTrackerFiles("beads", list)).toThrow(/none of .beads\/issues.jsonl/);
  });
});

describe("formatTrackerSummary", () => {
  it("lists every source value with what it became, and every skipped item with its reason", () => {
    const { tasks, accounting } = fromBeads(fixture("beads-icehouse.jsonl"));
    const lines = formatTrackerSummary({ from: "beads", files: 1, tasks: tasks.length, accounting });
    expect(lines[0]).toBe("beads: 1 file, 147 tasks");
    expect(lines).toContain('  status "tombstone" ×1 → skipped: a deleted issue');
    expect(lines).toContain('  priority "4" ×3 → priority low; "4" kept in metadata');
    expect(lines).toContain('  link "parent-child" ×16 → parent (the issue is a subtask)');
    expect(lines).toContain("  skipped beads:claudecode-5xa: deleted at 2025-12-30T22:02:57.062252+13:00: manual delete");
    const entries = [accounting.statuses, accounting.priorities, accounting.types, accounting.linkKinds].flat().length;
    expect(lines).toHaveLength(1 + entries + accounting.skipped.length);
  });
});

describe("taskhub import --from", () => {
  it("posts the files, the tracker and the project in one JSON request", async () => {
    hub = await startHub();
    const { repo } = repository();
    const run = await runCli(["import", "--from", "taskmaster", repo, "--project", "HUB"], { sandbox: sandbox(), env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN } });
    const [req] = hub.to("/api/import/tracker");
    expect(req, run.stderr).toBeDefined();
    expect(req.method).toBe("POST");
    expect(req.query.get("project")).toBe("HUB");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req.body)).toEqual({ from: "taskmaster", files: [{ path: "tasks.json", text: fixture("taskmaster-testcraft.json") }] });
  }, 30_000); // spawns the CLI on a shared machine

  it("--from without a PATH is a usage error and sends nothing", async () => {
    hub = await startHub();
    const run = await runCli(["import", "--from", "beads"], { sandbox: sandbox(), env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("import --from needs a PATH");
    expect(hub.requests).toEqual([]);
  }, 30_000);
});
