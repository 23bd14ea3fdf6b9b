#!/usr/bin/env node
// The `taskhub` command: parses arguments, dispatches to the subcommands, prints help.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CliError, UsageError, homeDir, requireToken, requireUrl, resolveConfig, stateDir } from "./config.mjs";
import { HubError } from "./http.mjs";

/** Kept here, not imported from tasks.mjs, so other commands do not load it. */
const TASK_COMMANDS = ["ready", "list", "show", "add", "start", "done", "cancel", "dep", "prime"];

const USAGE = `usage: taskhub <command> [options]

Commands:
  init [--url URL] [--command] [--bin CMD] [--project KEY] [--no-todo-tools]
                     Merge taskhub's hooks into ./.claude/settings.json (keeps everything else).
                     HTTP hooks for UserPromptSubmit, PostToolUse, TaskCreated and TaskCompleted,
                     command hooks for SessionStart, Stop, PreCompact and SubagentStop (they post
                     the transcript lines). Sets env CLAUDE_CODE_ENABLE_TODO_TOOLS=1 and
                     CLAUDE_CODE_TASK_LIST_ID=<project key> (asked of the hub for this directory,
                     or --project) so today's Claude Code offers its task tools and sessions
                     share one list; --no-todo-tools leaves both out;
                     --command uses command hooks for every event (older Claude Code);
                     --bin replaces "node <this file>" in the command hooks (e.g. --bin "npx taskhub").
  hook               The command hook Claude Code runs (reads the hook JSON on stdin; always exits 0).
  import [DIR]       Send every *.jsonl transcript under DIR (default ~/.claude/projects) to the hub.
                     Resumable: a second run sends only what is new.
  import --from beads|taskmaster|backlog|claude-tasks PATH [--project KEY]
                     Send a tracker's files (.beads/issues.jsonl, .taskmaster/tasks/tasks.json, backlog/,
                     ~/.claude/tasks/<list>/; PATH may be the repository) to the hub; prints what became of them.
  token create --name NAME --scopes ingest,read,write,admin
                     Make a hub token (needs an admin token); prints the new token on stdout.
  export --project KEY [--format ndjson|beads|taskmaster|backlog] [--out FILE|DIR]
                     Write a project's tasks as NDJSON (or .beads/issues.jsonl, Task Master's tasks.json)
                     to FILE or stdout; backlog writes Backlog.md task files under --out DIR.
  import-project FILE [--as KEY] [--claims refuse|move|drop]
                     Load NDJSON written by export into the hub (FILE may be - for stdin), under
                     KEY if given. Repositories and folders another project holds are refused (409)
                     unless --claims move (an admin takes them) or drop (imported without them).
  runs [--status S] [--workflow W] [--since 2026-12-01] [--json]
                     The hub's latest deliveries and the workflow runs they started, one line each
                     (--status failed: what needs a replay); the run's trace is on the dashboard's /runs.
  help               This text.

In the terminal (the project is the one the hooks find for this directory, or --project KEY;
one line per task by default, --json for scripts):
  ready              Open tasks nothing blocks, most urgent first.
  list [--status S[,S]|all] [--mine | --assignee USER_ID]
                     Tasks of the project (default: the open ones: todo, in_progress, review).
  show KEY           One task: its fields, what it waits for and blocks, links, latest activity.
  add "title" [--priority urgent|high|medium|low] [--due 2026-12-05]
      [--parent KEY] [--blocks KEY]
                     Create a task (a bare date is the end of that day, here);
                     --blocks KEY makes KEY wait for the new task.
  start KEY | done KEY | cancel KEY
                     Move a task to in_progress, completed or cancelled.
  dep add KEY BLOCKER
                     KEY waits for BLOCKER (refused when it would close a cycle).
  prime              Print the context the SessionStart hook gives a new session here.

Options for every command:
  --url URL          The hub, e.g. https://taskhub.example.workers.dev (default $TASKHUB_URL)
  --token TOKEN      Bearer token (default $TASKHUB_TOKEN; prefer the variable: flags show up in ps)
  -h, --help         Show this text

State (transcript offsets, spool): $TASKHUB_STATE_DIR, else \${XDG_STATE_HOME:-~/.local/state}/taskhub
`;

/** @type {Record<string, { type: "string" | "boolean", short?: string }>} */
const COMMON = {
  url: { type: "string" },
  token: { type: "string" },
  help: { type: "boolean", short: "h" },
};

/** @type {Record<string, { type: "string" | "boolean", short?: string }>} */
const TASK_COMMON = { project: { type: "string" }, json: { type: "boolean" } };

/** @type {Record<string, Record<string, { type: "string" | "boolean", short?: string }>>} */
const OPTIONS = {
  init: { command: { type: "boolean" }, bin: { type: "string" }, project: { type: "string" }, "no-todo-tools": { type: "boolean" } },
  hook: {},
  import: { from: { type: "string" }, project: { type: "string" } },
  token: { name: { type: "string" }, scopes: { type: "string" } },
  export: { project: { type: "string" }, out: { type: "string" }, format: { type: "string" } },
  "import-project": { as: { type: "string" }, claims: { type: "string" } },
  runs: { status: { type: "string" }, workflow: { type: "string" }, since: { type: "string" }, json: { type: "boolean" } },
  ready: TASK_COMMON,
  list: { ...TASK_COMMON, status: { type: "string" }, mine: { type: "boolean" }, assignee: { type: "string" } },
  show: TASK_COMMON,
  add: { ...TASK_COMMON, priority: { type: "string" }, due: { type: "string" }, parent: { type: "string" }, blocks: { type: "string" } },
  start: TASK_COMMON,
  done: TASK_COMMON,
  cancel: TASK_COMMON,
  dep: TASK_COMMON,
  prime: TASK_COMMON,
  help: {},
};


/** @param {string[]} argv */
async function main(argv) {
  const command = argv[0];
  if (command === undefined) throw new UsageError("no command given");
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!(command in OPTIONS)) throw new UsageError(`unknown command: ${command}`);

  if (command === "hook") return runHookCommand(argv.slice(1));

  const { values, positionals } = parseArgs({
    args: argv.slice(1),
    options: { ...COMMON, ...OPTIONS[command] },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const cfg = resolveConfig({ url: /** @type {string|undefined} */ (values.url), token: /** @type {string|undefined} */ (values.token) });
  const state = stateDir();
  const str = (/** @type {unknown} */ v) => (typeof v === "string" ? v : undefined);

  if (TASK_COMMANDS.includes(command)) {
    requireUrl(cfg);
    requireToken(cfg);
    const { runTaskCommand } = await import("./tasks.mjs");
    return runTaskCommand(command, {
      cfg,
      cwd: process.cwd(),
      flags: values,
      args: positionals,
      out: (text) => process.stdout.write(`${text}\n`),
      width: process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80,
    });
  }

  switch (command) {
    case "init": {
      noMorePositionals(positionals, 0);
      const { runInit, projectOfCwd } = await import("./init.mjs");
      const todoTools = !values["no-todo-tools"];
      const url = requireUrl(cfg);
      const project = str(values.project) ?? (todoTools ? await projectOfCwd(cfg, process.cwd()) : null);
      runInit({
        cwd: process.cwd(),
        url,
        command: Boolean(values.command),
        bin: str(values.bin),
        todoTools,
        project,
        out: (line) => process.stdout.write(`${line}\n`),
      });
      return 0;
    }
    case "import": {
      noMorePositionals(positionals, 1);
      requireUrl(cfg);
      requireToken(cfg);
      if (values.from !== undefined) {
        const { formatTrackerSummary, importTrackerFiles, progressBar } = await import("./trackers.mjs");
        const { projectFor } = await import("./task-hub.mjs");
        if (!positionals[0]) throw new UsageError("import --from needs a PATH");
        const target = positionals[0];
        // The tracker's folder names the project as a working directory would (a repository's paths, as the hooks find it).
        const dir = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.resolve(target) : path.dirname(path.resolve(target));
        const project = await projectFor(cfg, str(values.project), dir);
        const bar = progressBar(process.stderr);
        const { sent, answer } = await importTrackerFiles({ cfg, from: str(values.from) ?? "", target, project, onProgress: bar.update });
        bar.end();
        const lines = formatTrackerSummary({ ...answer, from: sent.from, files: sent.files.length });
        process.stdout.write(`${lines.join("\n")}\n`);
        return 0;
      }
      if (values.project !== undefined) throw new UsageError("--project goes with --from (transcripts find their project by repository)");
      const { runImport } = await import("./import.mjs");
      const dir = positionals[0] ?? path.join(homeDir(), ".claude", "projects");
      const chunk = Number(process.env.TASKHUB_CHUNK_BYTES);
      await runImport({
        cfg,
        state,
        dir,
        stderr: process.stderr,
        ...(Number.isInteger(chunk) && chunk > 0 ? { chunkBytes: chunk } : {}),
      });
      // Bad lines are the hub's verdict on single lines (the summary counts them); resending cannot change it.
      return 0;
    }
    case "token": {
      if (positionals[0] !== "create") throw new UsageError("did you mean: taskhub token create --name NAME --scopes ingest,read");
      noMorePositionals(positionals, 1);
      requireUrl(cfg);
      requireToken(cfg);
      const { createToken } = await import("./token.mjs");
      const { token, id } = await createToken({ cfg, name: str(values.name) ?? "", scopes: str(values.scopes) ?? "" });
      // The token alone on stdout, so `export TASKHUB_TOKEN=$(taskhub token create ...)` works; it is shown only once.
      process.stdout.write(`${token}\n`);
      process.stderr.write(`created token ${id} (the hub shows it only this once)\n`);
      return 0;
    }
    case "export": {
      noMorePositionals(positionals, 0);
      requireUrl(cfg);
      requireToken(cfg);
      const { exportProject } = await import("./project.mjs");
      await exportProject({ cfg, project: str(values.project) ?? "", out: str(values.out), format: str(values.format), stdout: process.stdout });
      return 0;
    }
    case "import-project": {
      noMorePositionals(positionals, 1);
      requireUrl(cfg);
      requireToken(cfg);
      const { importProject } = await import("./project.mjs");
      const res = await importProject({ cfg, file: positionals[0] ?? "", stdin: process.stdin, as: str(values.as), claims: str(values.claims) });
      process.stdout.write(`${JSON.stringify(res)}\n`);
      return 0;
    }
    case "runs": {
      noMorePositionals(positionals, 0);
      requireUrl(cfg);
      requireToken(cfg);
      const { listRuns, runLine } = await import("./runs.mjs");
      const rows = await listRuns(cfg, { status: str(values.status), workflow: str(values.workflow), since: str(values.since) });
      process.stdout.write(values.json ? `${JSON.stringify(rows)}\n` : rows.map((r) => `${runLine(r)}\n`).join(""));
      return 0;
    }
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

/**
 * The hook never fails in a way Claude could see: bad flags, a missing hub, a crash all end in exit 0, silently.
 * @param {string[]} args
 */
async function runHookCommand(args) {
  const quiet = () => process.exit(0);
  process.on("uncaughtException", quiet);
  process.on("unhandledRejection", quiet);
  try {
    const { values } = parseArgs({ args, options: COMMON, allowPositionals: true, strict: false });
    const cfg = resolveConfig({
      url: typeof values.url === "string" ? values.url : undefined,
      token: typeof values.token === "string" ? values.token : undefined,
    });
    const { runHook } = await import("./hook.mjs");
    await runHook({ cfg, state: stateDir(), env: process.env, stdin: process.stdin });
  } catch (err) {
    if (process.env.TASKHUB_DEBUG === "1") process.stderr.write(`taskhub hook: ${/** @type {any} */ (err)?.message ?? err}\n`);
  }
  return 0;
}

/** @param {string[]} positionals @param {number} max */
function noMorePositionals(positionals, max) {
  if (positionals.length > max) throw new UsageError(`unexpected argument: ${positionals[max]}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof UsageError || /** @type {any} */ (err)?.code?.startsWith?.("ERR_PARSE_ARGS")) {
      process.stderr.write(`taskhub: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (err instanceof CliError || err instanceof HubError) {
      process.stderr.write(`taskhub: ${err.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`taskhub: ${/** @type {any} */ (err)?.stack ?? err}\n`);
    process.exit(1);
  },
);
