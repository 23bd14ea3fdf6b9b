// The real Claude Code CLI against the hub: `taskhub init` wires the hooks, a scripted session plans work,
// and the next session's first model request carries the open tasks.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullRequestPayload } from "../support/github-payloads";
import { startHub, type Hub } from "./hub";
import { startStandIn, type StandIn } from "./model-stand-in";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "cli", "taskhub.mjs");

/** The native binary; npm's postinstall copies it over the package's placeholder, which may not have run. */
function claudeBin(): string {
  const bin = join(ROOT, "node_modules", "@anthropic-ai", "claude-code", "bin", "claude.exe");
  const native = join(ROOT, "node_modules", "@anthropic-ai", `claude-code-${process.platform}-${process.arch}`, "claude");
  return existsSync(bin) && statSync(bin).size > 1_000_000 ? bin : native;
}

let hub: Hub;
let model: StandIn;
let home: string;
let project: string;
let token: string;

async function api(path: string, init: RequestInit & { json?: unknown; as?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${init.as ?? hub.adminToken}`);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const res = await fetch(`${hub.url}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    TASKHUB_STATE_DIR: join(home, ".taskhub"),
    TASKHUB_URL: hub.url,
    TASKHUB_TOKEN: token,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: "sk-ant-standin",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_AUTOUPDATER: "1",
    // Claude starts up beside wrangler on a shared two-core machine; the hook's one-second budget is for laptops.
    TASKHUB_CONTEXT_TIMEOUT_MS: "3000",
    TASKHUB_HOOK_DEADLINE_MS: "4000",
  };
}

/**
 * Asynchronous, always: the stand-in model answers from this very process, and a blocked event loop keeps undici
 * from retiring its idle sockets to the hub, which wrangler dev closes after 5 s idle (with no Keep-Alive hint), so
 * the next fetch after a long spawnSync met a closed socket: UND_ERR_SOCKET "other side closed".
 */
async function run(bin: string, args: string[], cwd: string): Promise<string> {
  const child = spawn(bin, args, { cwd, env: env(), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const timer = setTimeout(() => child.kill("SIGTERM"), 120_000);
  const code = await new Promise<number | null>((r) => child.once("close", r));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${args[0] === CLI ? "taskhub init" : "claude"} exited ${code}: ${err}${out}`);
  return out;
}

const claude = (prompt: string, cwd = project) => run(claudeBin(), ["-p", prompt, "--allowedTools", "TaskCreate,TaskUpdate,TaskList"], cwd);
const init = (cwd: string) => run(process.execPath, [CLI, "init"], cwd);

async function openTasks(key = "SYS"): Promise<{ title: string; status: string; source: { kind: string } }[]> {
  return (await api(`/api/tasks?project=${key}&limit=200`)).tasks;
}

/** A project of its own, with a directory `taskhub init` has wired, for a test whose task ids must start at 1. */
async function newProject(key: string): Promise<string> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `taskhub-${key.toLowerCase()}-`)));
  dirs.push(dir);
  await api("/api/projects", { method: "POST", json: { key, name: key, paths: [dir] } });
  await init(dir);
  return dir;
}

/** What the SessionStart hook put in the first request of the session that just ran. */
function sessionContext(first: { messages: unknown[] } | undefined): string {
  return JSON.stringify(first?.messages ?? []).match(/SessionStart hook additional context: ([^"]*)/)?.[1] ?? "";
}

const dirs: string[] = [];

async function eventually<T>(check: () => Promise<T | false | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} never happened; hub log:\n${hub.log().slice(-3000)}`);
}

beforeAll(async () => {
  [hub, model] = await Promise.all([startHub(), startStandIn()]);
  home = mkdtempSync(join(tmpdir(), "taskhub-home-"));
  project = realpathSync(mkdtempSync(join(tmpdir(), "taskhub-project-")));
  await api("/api/projects", { method: "POST", json: { key: "SYS", name: "System test", paths: [project] } });
  token = (await api("/api/tokens", { method: "POST", json: { name: "claude", scopes: ["ingest", "read"] } })).token;
  await init(project);
});

afterAll(async () => {
  await Promise.all([hub?.stop(), model?.close()]);
  for (const dir of [home, project, ...dirs]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("Claude Code with taskhub's hooks", () => {
  it("turns a session's TaskCreate, TaskUpdate and closing next steps into tasks of the project", async () => {
    model.script([
      { tool: "TaskCreate", input: { subject: "Write the config parser", description: "Parse JSON config files" } },
      { tool: "TaskCreate", input: { subject: "Add tests for the parser", description: "Cover the error cases" } },
      { tool: "TaskUpdate", input: { taskId: "1", status: "in_progress" } },
      { tool: "TaskUpdate", input: { taskId: "2", addBlockedBy: ["1"] } },
      { text: "The parser is under way.\n\nNext steps:\n- Document the config format\n- Benchmark the config loader" },
    ]);
    const out = await claude("Plan the config parser work and start on it");
    expect(out).toContain("Next steps");
    const tasks = await eventually(async () => {
      const t = await openTasks();
      return t.length >= 4 && t;
    }, "four tasks");
    const shown = Object.fromEntries(tasks.map((t) => [t.title, `${t.status} ${t.source.kind}`]));
    expect(shown).toEqual({
      "Write the config parser": "in_progress task-tool",
      "Add tests for the parser": "todo task-tool",
      "Document the config format": "todo prose",
      "Benchmark the config loader": "todo prose",
    });
  });

  it("posts the session's transcript lines from the Stop hook, so a later import finds them known", async () => {
    const dir = join(home, ".claude", "projects");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".jsonl"));
    expect(files.length).toBeGreaterThan(0);
    const body = readFileSync(join(dir, files[0]), "utf8");
    const res = await fetch(`${hub.url}/transcripts`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" }, body });
    const answer = (await res.json()) as { duplicates: number; accepted: number };
    // Only what Claude Code wrote after its Stop hook ran can still be new.
    expect(answer.duplicates).toBeGreaterThan(answer.accepted);
  });

  it("starts the next session with the open tasks in the model's context, unblocked first", async () => {
    model.script([{ text: "I see the open tasks." }]);
    const before = model.sessionRequests.length;
    await claude("What is left to do?");
    const first = model.sessionRequests[before];
    expect(first).toBeDefined();
    // Claude Code puts a SessionStart hook's additionalContext into a system message of the first request.
    const context = sessionContext(first);
    const titles = ["Write the config parser", "Document the config format", "Benchmark the config loader", "Add tests for the parser"];
    expect(titles.filter((t) => context.includes(t))).toEqual(titles);
    const at = titles.map((t) => context.indexOf(t));
    // The blocked one (it waits for the parser) comes last.
    expect(at[3]).toBeGreaterThan(Math.max(at[0], at[1], at[2]));
  });

  it("offers the task tools to today's model because taskhub init turned them on (named for ToolSearch, deferred)", () => {
    const first = model.sessionRequests[0];
    expect(JSON.parse(readFileSync(join(project, ".claude", "settings.json"), "utf8")).env).toEqual({ CLAUDE_CODE_ENABLE_TODO_TOOLS: "1", CLAUDE_CODE_TASK_LIST_ID: "SYS" });
    // Deferred: not among the loaded tools, but named in the request for ToolSearch to load.
    expect(first.tools).toContain("ToolSearch");
    expect(first.tools).not.toContain("TaskCreate");
    expect(first.raw).toContain("TaskCreate");
    expect(first.raw).toContain("TaskUpdate");
  });

  it("shares Claude's own task list both ways: a PR merged on GitHub completes task 1, and the next session's TaskList shows it done beside the hub's own task", async () => {
    const dir = await newProject("LST");
    await api("/api/projects/LST", { method: "PUT", json: { repos: ["acme/lst"] } });
    model.script([
      { tool: "TaskCreate", input: { subject: "Write the importer", description: "Read CSV" } },
      { tool: "TaskCreate", input: { subject: "Document the importer", description: "In the README" } },
      { text: "Planned." },
    ]);
    await claude("Plan the importer", dir);
    const planned = await eventually(async () => {
      const t = await openTasks("LST");
      return t.length === 2 && t;
    }, "two tasks");
    const importer = planned.find((t) => t.title === "Write the importer")! as unknown as { key: string };
    const hubOwn = await api("/api/tasks", { method: "POST", json: { project: "LST", title: "Fix the exporter" } });

    const payload = pullRequestPayload("acme/lst", "closed", { number: 7, title: `Fixes ${importer.key}: the importer`, state: "closed", merged: true });
    const body = JSON.stringify(payload);
    const signature = `sha256=${createHmac("sha256", hub.webhookSecret).update(body).digest("hex")}`;
    const res = await fetch(`${hub.url}/webhooks/github`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": crypto.randomUUID(), "x-hub-signature-256": signature },
      body,
    });
    expect(res.status).toBeLessThan(300);
    await eventually(async () => (await openTasks("LST")).find((t) => t.title === "Write the importer")?.status === "completed", "the merged PR completing the task");

    model.script([{ tool: "TaskList", input: {} }, { text: "Listed." }]);
    const before = model.sessionRequests.length;
    await claude("What is on the list?", dir);
    // The request after the TaskList call carries its result: Claude's own view of the list.
    const listed = JSON.stringify(model.sessionRequests[before + 1]?.messages ?? []);
    const folder = join(home, ".claude", "tasks", "LST");
    // What the list folder holds, for a failing assertion's message.
    const shown = () => readdirSync(folder).map((f) => `${f}: ${readFileSync(join(folder, f), "utf8")}`).join("\n");
    for (const line of ["#1 [completed] Write the importer", "#2 [pending] Document the importer", "#3 [pending] Fix the exporter"]) {
      expect(listed, shown()).toContain(line);
    }
    const file = (id: string) => JSON.parse(readFileSync(join(folder, `${id}.json`), "utf8"));
    expect(file("1"), shown()).toMatchObject({ id: "1", subject: "Write the importer", status: "completed" });
    expect(file("2"), shown()).toMatchObject({ id: "2", subject: "Document the importer", status: "pending" });
    expect(file("3"), shown()).toMatchObject({ id: "3", subject: "Fix the exporter", status: "pending", activeForm: "Fixing the exporter" });
    expect(readFileSync(join(folder, ".highwatermark"), "utf8").trim()).toBe("3");

    // Claude's id 3 reaches the hub's own task, and Claude's next task of its own takes id 4, above the hub's.
    model.script([
      { tool: "TaskUpdate", input: { taskId: "3", status: "completed" } },
      { tool: "TaskCreate", input: { subject: "Benchmark the importer", description: "Rows per second" } },
      { text: "Done." },
    ]);
    await claude("Finish the exporter fix and plan a benchmark", dir);
    await eventually(async () => {
      const t = await openTasks("LST");
      return t.find((x) => x.title === "Fix the exporter")?.status === "completed" && t.some((x) => x.title === "Benchmark the importer");
    }, `${hubOwn.key} completed from Claude's id 3, and Claude's own new task in the hub`);
    expect(file("3"), shown()).toMatchObject({ subject: "Fix the exporter", status: "completed" });
    expect(file("4"), shown()).toMatchObject({ id: "4", subject: "Benchmark the importer", status: "pending" });
    const list = await api(`/api/claude/task-list?cwd=${encodeURIComponent(dir)}&list=LST`);
    expect(list.tasks.find((t: { title: string }) => t.title === "Benchmark the importer")).toMatchObject({ claudeId: "4" });
  });

  it("keeps one task for one intent said as a prompt, a TaskCreate and a TaskUpdate, and the next session does not list it as open", async () => {
    const dir = await newProject("ONE");
    model.script([
      { tool: "TaskCreate", input: { subject: "Implement user authentication for the API", description: "Tokens for every route" } },
      { tool: "TaskUpdate", input: { taskId: "1", status: "completed" } },
      { text: "Authentication is in place." },
    ]);
    await claude("I need to implement user authentication for the API", dir);
    const done = await eventually(async () => {
      const t = await openTasks("ONE");
      return t.some((x) => x.status === "completed") && t;
    }, "the task completed");
    // The Stop hook's transcript post arrives after the hooks: give it time to have made a second task, if it would.
    await new Promise((r) => setTimeout(r, 3_000));
    const tasks = await openTasks("ONE");
    expect(tasks.map((t) => `${t.title}: ${t.status}`)).toEqual(["Implement user authentication for the API: completed"]);
    expect(done.length).toBe(1);

    model.script([{ text: "Nothing is open." }]);
    const before = model.sessionRequests.length;
    await claude("What is left to do?", dir);
    expect(sessionContext(model.sessionRequests[before])).not.toContain("user authentication");
  });
});
