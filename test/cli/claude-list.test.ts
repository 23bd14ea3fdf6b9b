// The SessionStart hook writes the hub's tasks into Claude Code's own task list, and hook posts name that list.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { filesToWrite, newIds } from "../../cli/claude-list.mjs";
import { GOOD_TOKEN, type Hub, type Sandbox, runCli, sandbox, startHub } from "./helpers";

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

const LIST = "SYS";
const hookEnv = (url: string) => ({
  TASKHUB_URL: url, TASKHUB_TOKEN: GOOD_TOKEN, TASKHUB_CONTEXT_TIMEOUT_MS: "4000", TASKHUB_HOOK_DEADLINE_MS: "8000", CLAUDE_CODE_TASK_LIST_ID: LIST,
});
const folder = (sb: Sandbox) => path.join(sb.home, ".claude", "tasks", LIST);
const readTask = (sb: Sandbox, id: string) => JSON.parse(fs.readFileSync(path.join(folder(sb), `${id}.json`), "utf8"));
type ListTask = Parameters<typeof newIds>[0][number];
const task = (key: string, extra: Partial<ListTask> = {}): ListTask => ({
  key, title: `Write ${key}`, description: "", status: "pending", activeForm: `Writing ${key}`, blocks: [], blockedBy: [], ...extra,
});

function seedFolder(sb: Sandbox, files: Record<string, unknown>, highWaterMark?: number) {
  fs.mkdirSync(folder(sb), { recursive: true });
  fs.writeFileSync(path.join(folder(sb), ".lock"), "");
  for (const [id, t] of Object.entries(files)) fs.writeFileSync(path.join(folder(sb), `${id}.json`), JSON.stringify(t));
  if (highWaterMark !== undefined) fs.writeFileSync(path.join(folder(sb), ".highwatermark"), String(highWaterMark));
}

async function sessionStart(sb: Sandbox) {
  const input = JSON.stringify({ session_id: "s2", transcript_path: "/nonexistent.jsonl", cwd: sb.work, hook_event_name: "SessionStart", source: "startup" });
  return runCli(["hook"], { sandbox: sb, env: hookEnv(hub!.url), input });
}

describe("ids for the hub's tasks in Claude's list", () => {
  it("gives open tasks without one the next ids above the mark, every file and every id the hub gave", () => {
    const tasks = [task("A-1", { claudeId: "7" }), task("A-2"), task("A-3", { status: "completed" }), task("A-4")];
    expect(newIds(tasks, { files: new Map([["9", {}]]), highWaterMark: 8 })).toEqual([{ key: "A-2", claudeId: "10" }, { key: "A-4", claudeId: "11" }]);
    expect(newIds([task("A-2")], { files: new Map(), highWaterMark: 12 })).toEqual([{ key: "A-2", claudeId: "13" }]);
  });

  it("maps edges to list ids, keeps Claude's wording, owner and metadata, and rewrites nothing that already says the same", () => {
    const tasks = [task("A-1", { claudeId: "1", blocks: ["A-2", "A-9"] }), task("A-2", { claudeId: "2", blockedBy: ["A-1"] })];
    const same = { id: "2", subject: "Write A-2", description: "", activeForm: "Writing A-2", status: "pending", blocks: [], blockedBy: ["1"] };
    const own = { id: "1", subject: "Claude's words", description: "Its notes", status: "pending", blocks: [], blockedBy: [], owner: "agent-1", metadata: { x: 1 } };
    const out = filesToWrite(tasks, new Map<string, any>([["1", own], ["2", same]]));
    expect(out).toEqual([{ id: "1", subject: "Claude's words", description: "Its notes", activeForm: "Writing A-1", status: "pending", blocks: ["2"], blockedBy: [], owner: "agent-1", metadata: { x: 1 } }]);
  });

  it("moves a file's status forward only: the hub's completed lands, a lagging hub's pending does not undo Claude's in_progress", () => {
    const file = (status: string) => new Map<string, any>([["1", { id: "1", subject: "Write A-1", description: "", activeForm: "Writing A-1", status, blocks: [], blockedBy: [] }]]);
    expect(filesToWrite([task("A-1", { claudeId: "1", status: "completed" })], file("in_progress")).map((f) => f.status)).toEqual(["completed"]);
    expect(filesToWrite([task("A-1", { claudeId: "1", status: "pending" })], file("in_progress"))).toEqual([]);
    expect(filesToWrite([task("A-1", { claudeId: "1", status: "in_progress" })], file("completed"))).toEqual([]);
  });

  it("writes no file for a finished task that has none", () => {
    expect(filesToWrite([task("A-1", { claudeId: "3", status: "completed" })], new Map())).toEqual([]);
  });
});

// Each runs the CLI as a child process; on a loaded machine that alone can take seconds.
describe("taskhub hook at SessionStart with CLAUDE_CODE_TASK_LIST_ID", { timeout: 30_000 }, () => {
  it("writes the hub's open tasks as Claude's own, numbered after Claude's, and tells the hub their ids", async () => {
    const sb = sandbox();
    hub = await startHub({ project: "TH" });
    hub.claudeList.tasks = [task("TH-1", { claudeId: "1", status: "completed" }), task("TH-2", { blockedBy: ["TH-3"] }), task("TH-3", { blocks: ["TH-2"] })];
    const mine = { id: "2", subject: "Claude's own", description: "", status: "pending", blocks: [], blockedBy: [] };
    seedFolder(sb, { 1: { id: "1", subject: "Write TH-1", description: "", status: "in_progress", blocks: [], blockedBy: [] }, 2: mine }, 2);
    const run = await sessionStart(sb);
    expect(run.code).toBe(0);
    expect(JSON.parse(hub.to("/api/claude/task-list").find((r) => r.method === "POST")!.body)).toMatchObject({ cwd: sb.work, list: LIST, assign: [{ key: "TH-2", claudeId: "3" }, { key: "TH-3", claudeId: "4" }] });
    expect(readTask(sb, "1").status).toBe("completed");
    expect(readTask(sb, "2")).toEqual(mine);
    expect(readTask(sb, "3")).toEqual({ id: "3", subject: "Write TH-2", description: "", activeForm: "Writing TH-2", status: "pending", blocks: [], blockedBy: ["4"] });
    expect(readTask(sb, "4")).toMatchObject({ id: "4", subject: "Write TH-3", blocks: ["3"] });
    expect(fs.readFileSync(path.join(folder(sb), ".highwatermark"), "utf8")).toBe("4");
    expect(fs.readdirSync(folder(sb)).filter((n) => n.endsWith(".tmp") || n === ".lock.lock")).toEqual([]);
  });

  it("writes no task whose id the hub did not keep", async () => {
    const sb = sandbox();
    hub = await startHub({ project: "TH" });
    hub.claudeList.tasks = [task("TH-2")];
    hub.claudeList.refuse.add("TH-2");
    await sessionStart(sb);
    expect(hub.to("/api/claude/task-list").map((r) => r.method)).toEqual(["GET", "POST"]);
    expect(fs.existsSync(path.join(folder(sb), "1.json"))).toBe(false);
  });

  it("leaves the list alone while Claude holds its lock", async () => {
    const sb = sandbox();
    hub = await startHub({ project: "TH" });
    hub.claudeList.tasks = [task("TH-1", { claudeId: "1", status: "completed" })];
    seedFolder(sb, { 1: { id: "1", subject: "Write TH-1", description: "", status: "pending", blocks: [], blockedBy: [] } });
    fs.mkdirSync(path.join(folder(sb), ".lock.lock"));
    expect((await sessionStart(sb)).code).toBe(0);
    expect(readTask(sb, "1").status).toBe("pending");
  });

  it("names the list on every post: the hook event and the transcript", async () => {
    const sb = sandbox();
    hub = await startHub({ project: "TH" });
    const transcript = path.join(sb.home, "t.jsonl");
    fs.writeFileSync(transcript, `${JSON.stringify({ type: "user", sessionId: "s2", uuid: "u1", message: { role: "user", content: "hi" } })}\n`);
    const input = JSON.stringify({ session_id: "s2", transcript_path: transcript, cwd: sb.work, hook_event_name: "Stop" });
    await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url), input });
    expect(hub.to("/hooks/claude")[0].headers["x-taskhub-task-list"]).toBe(LIST);
    expect(hub.to("/transcripts")[0].headers["x-taskhub-task-list"]).toBe(LIST);
  });
});
