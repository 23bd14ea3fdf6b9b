// Test scaffolding for the CLI: a stand-in hub on node:http that records requests, and a runner for the CLI as a child process.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FakeTasks } from "./fake-tasks";

export const CLI = fileURLToPath(new URL("../../cli/taskhub.mjs", import.meta.url).href);
export const FIXTURES = fileURLToPath(new URL("../fixtures/claude/", import.meta.url).href);
export const GOOD_TOKEN = "th_test_good_token_123";

export type Recorded = { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: string };

export type Hub = {
  url: string;
  requests: Recorded[];
  /** Lines the hub stored, in arrival order (transcript ingest is idempotent, like the real one). */
  lines: string[];
  context: string;
  /** The project key /api/context answers with (null: the hub knows no project for that directory). */
  project: string | null;
  /** The hub's tasks, for the terminal commands (ready, list, add…). */
  tasks: FakeTasks;
  /** What GET /api/claude/task-list answers for the project; POST gives ids to all but the keys in `refuse`. */
  claudeList: { tasks: Record<string, unknown>[]; refuse: Set<string> };
  /** What GET /api/runs lists, two a page (cursor: the next index); `refuse` answers 400 with that message instead. */
  runs: { rows: Record<string, unknown>[]; refuse: string | null };
  close: () => Promise<void>;
  to: (p: string) => Recorded[];
};

function problem(res: http.ServerResponse, status: number, code: string, message: string, details: unknown = null) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ code, message, details, timestamp: new Date().toISOString(), requestId: "req-test-1" }));
}

/** Answers per the hub's HTTP contract; only GOOD_TOKEN is accepted. */
export async function startHub(opts: { context?: string; project?: string } = {}): Promise<Hub> {
  const seen = new Set<string>();
  const hub: Hub = {
    url: "",
    requests: [],
    lines: [],
    context: opts.context ?? "",
    project: opts.project ?? null,
    tasks: new FakeTasks(),
    claudeList: { tasks: [], refuse: new Set() },
    runs: { rows: [], refuse: null },
    close: async () => {},
    to: (p) => hub.requests.filter((r) => r.path === p),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const u = new URL(req.url ?? "/", "http://hub");
      const body = Buffer.concat(chunks).toString("utf8");
      hub.requests.push({ method: req.method ?? "", path: u.pathname, query: u.searchParams, headers: req.headers, body });
      if (req.headers.authorization !== `Bearer ${GOOD_TOKEN}`) return problem(res, 401, "unauthorized", "invalid or missing token");
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (req.method === "POST" && u.pathname === "/transcripts") {
        let accepted = 0;
        let duplicates = 0;
        let badLines = 0;
        for (const line of body.split("\n")) {
          if (!line.trim()) continue;
          try {
            JSON.parse(line);
          } catch {
            badLines++;
            continue;
          }
          if (seen.has(line)) duplicates++;
          else {
            seen.add(line);
            accepted++;
          }
          hub.lines.push(line);
        }
        return json(202, { accepted, duplicates, badLines });
      }
      if (req.method === "GET" && u.pathname === "/api/context") return json(200, { project: hub.project, additionalContext: hub.context });
      if (req.method === "POST" && u.pathname === "/hooks/claude") return json(200, {});
      if (req.method === "GET" && u.pathname === "/api/export" && u.searchParams.get("format") === "backlog") {
        return json(200, { files: [{ path: "config.yml", text: "project_name: demo\n" }, { path: "tasks/task-1 - Demo.md", text: "---\nid: task-1\n---\n" }] });
      }
      if (req.method === "GET" && u.pathname === "/api/claude/task-list") return json(200, { project: hub.project, tasks: hub.claudeList.tasks });
      if (req.method === "POST" && u.pathname === "/api/claude/task-list") {
        const assign = (JSON.parse(body) as { assign: { key: string; claudeId: string }[] }).assign.filter((a) => !hub.claudeList.refuse.has(a.key));
        for (const a of assign) Object.assign(hub.claudeList.tasks.find((t) => t.key === a.key) ?? {}, { claudeId: a.claudeId });
        return json(200, { project: hub.project, assigned: assign });
      }
      if (req.method === "GET" && u.pathname === "/api/export") {
        res.writeHead(200, { "content-type": "application/x-ndjson" });
        return res.end(`{"kind":"project","key":"${u.searchParams.get("project")}"}\n{"kind":"task","id":"TH-1"}\n`);
      }
      if (req.method === "POST" && u.pathname === "/api/import") return json(200, { imported: body.split("\n").filter(Boolean).length });
      if (req.method === "GET" && u.pathname === "/api/runs") {
        if (hub.runs.refuse) return problem(res, 400, "invalid_request", hub.runs.refuse);
        const from = Number(u.searchParams.get("cursor") ?? 0);
        return json(200, { runs: hub.runs.rows.slice(from, from + 2), nextCursor: from + 2 < hub.runs.rows.length ? String(from + 2) : null });
      }
      if (req.method === "POST" && u.pathname === "/api/tokens") return json(201, { token: "th_new_token_456", id: "tok_1" });
      const answer = hub.tasks.handle(req.method ?? "", u, body);
      if (answer && "problem" in answer) return problem(res, answer.status, answer.problem.code, answer.problem.message, answer.problem.details ?? null);
      if (answer) return json(answer.status, answer.body);
      return problem(res, 404, "not_found", "no such route");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hub.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return hub;
}

/** A URL where nothing listens: a port the OS just handed out and got back. */
export async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export type Sandbox = { root: string; home: string; state: string; work: string };

export function sandbox(): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "taskhub-cli-"));
  const s = { root, home: path.join(root, "home"), state: path.join(root, "state"), work: path.join(root, "work") };
  for (const d of [s.home, s.state, s.work]) fs.mkdirSync(d, { recursive: true });
  return s;
}

export type Run = { code: number | null; stdout: string; stderr: string };

/** Async spawn on purpose: the stand-in hub lives in this process, so a blocking spawnSync would never get answered. */
export function runCli(
  args: string[],
  opts: { sandbox: Sandbox; env?: Record<string, string>; input?: string; cwd?: string },
): Promise<Run> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: opts.sandbox.home,
    TASKHUB_STATE_DIR: opts.sandbox.state,
    ...opts.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? opts.sandbox.work, env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}

/** Non-blank lines of a fixture transcript. */
export function fixtureLines(name: string): string[] {
  return fs
    .readFileSync(path.join(FIXTURES, name), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
}
