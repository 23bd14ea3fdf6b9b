// `taskhub init`: merges taskhub's hooks into ./.claude/settings.json, keeping every other key and hook untouched.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CliError } from "./config.mjs";
import { HubError, hubJson } from "./http.mjs";
import { writeAtomic } from "./transcript.mjs";

/** The task tools of current (TaskCreate, TaskUpdate) and older (TodoWrite) Claude Code. */
export const TASK_TOOLS_MATCHER = "TaskCreate|TaskUpdate|TodoWrite";
/** Claude Code's own task events (2.1.300+): they fire however the task was made, even by a deferred tool. */
export const TASK_EVENTS = ["TaskCreated", "TaskCompleted"];
/**
 * What `taskhub init` puts in settings.json `env` unless --no-todo-tools: since 2.1.233 the newest models get no
 * todo tools without the first; the second makes every session of the project share one list, named for it.
 */
export const TODO_TOOLS_ENV = "CLAUDE_CODE_ENABLE_TODO_TOOLS";
export const TASK_LIST_ENV = "CLAUDE_CODE_TASK_LIST_ID";
/** Seconds, as Claude Code counts hook timeouts; the hook itself gives up well before. */
export const HOOK_TIMEOUT_S = 5;

const HOOK_SCRIPT = fileURLToPath(new URL("./taskhub.mjs", import.meta.url));

/**
 * @typedef {{ type: string, [k: string]: unknown }} HookEntry
 * @typedef {{ matcher?: string, hooks: HookEntry[] }} MatcherGroup
 * @typedef {{ event: string, matcher?: string, entry: HookEntry }} Wanted
 */

/**
 * @param {{ url: string, command: boolean, bin?: string, taskList?: boolean }} opts
 * @returns {Wanted[]}
 */
export function wantedHooks({ url, command, bin, taskList = false }) {
  // The URL goes in literally and the token stays in the environment: settings.json is often committed.
  const commandEntry = {
    type: "command",
    command: `${bin?.trim() || `node ${shellQuote(HOOK_SCRIPT)}`} hook --url ${shellQuote(url)}`,
    timeout: HOOK_TIMEOUT_S,
  };
  // With a shared task list, Claude's task ids belong to the list, not the session: the hub needs its name.
  const httpEntry = taskList
    ? {
        type: "http",
        url: `${url}/hooks/claude`,
        headers: { Authorization: "Bearer $TASKHUB_TOKEN", "X-Taskhub-Task-List": `$${TASK_LIST_ENV}` },
        allowedEnvVars: ["TASKHUB_TOKEN", TASK_LIST_ENV],
        timeout: HOOK_TIMEOUT_S,
      }
    : {
        type: "http",
        url: `${url}/hooks/claude`,
        headers: { Authorization: "Bearer $TASKHUB_TOKEN" },
        allowedEnvVars: ["TASKHUB_TOKEN"],
        timeout: HOOK_TIMEOUT_S,
      };
  const other = command ? commandEntry : httpEntry;
  // SessionStart is always a command hook: Claude Code does not fire HTTP hooks for it (DESIGN §7).
  // Stop, PreCompact and SubagentStop are command hooks too: only a command can read transcript_path and post
  // the lines HTTP hooks never carry (compaction summaries, subagent runs, time); on Stop it posts the event as well.
  // Events without a matcher fire for every prompt, stop, start and compaction.
  return [
    { event: "SessionStart", entry: commandEntry },
    { event: "UserPromptSubmit", entry: other },
    { event: "PostToolUse", matcher: TASK_TOOLS_MATCHER, entry: other },
    ...TASK_EVENTS.map((event) => ({ event, entry: other })),
    { event: "Stop", entry: commandEntry },
    { event: "PreCompact", entry: commandEntry },
    { event: "SubagentStop", entry: commandEntry },
  ];
}

/**
 * Ours whatever URL, path or mode an earlier `taskhub init` used, so re-running replaces instead of piling up.
 * @param {unknown} entry
 */
export function isTaskhubHook(entry) {
  if (!entry || typeof entry !== "object") return false;
  const e = /** @type {Record<string, unknown>} */ (entry);
  if (e.type === "http") return typeof e.url === "string" && /\/hooks\/claude\/?$/.test(e.url);
  if (e.type === "command") return typeof e.command === "string" && /taskhub(\.mjs)?['"]?\s+hook(\s|$)/.test(e.command);
  return false;
}

/**
 * Pure: returns the merged settings and a line per change. Our entry replaces the first taskhub entry in place
 * when that one sits under the right matcher (so nothing moves on a re-run); stray taskhub entries elsewhere
 * in the event go, and a group left empty by that goes too. Everything else keeps its place.
 * @param {Record<string, any>} settings
 * @param {Wanted[]} wanted
 * @returns {{ settings: Record<string, any>, changes: string[] }}
 */
export function mergeHooks(settings, wanted) {
  const next = structuredClone(settings);
  /** @type {string[]} */
  const changes = [];
  if (next.hooks === undefined) next.hooks = {};
  if (!next.hooks || typeof next.hooks !== "object" || Array.isArray(next.hooks)) {
    throw new CliError('"hooks" in settings.json is not an object; fix it by hand, then run taskhub init again');
  }
  for (const { event, matcher, entry } of wanted) {
    const label = matcher ? `${event} [${matcher}]` : event;
    const before = next.hooks[event];
    if (before !== undefined && !Array.isArray(before)) {
      throw new CliError(`"hooks.${event}" in settings.json is not a list; fix it by hand, then run taskhub init again`);
    }
    /** @type {MatcherGroup[]} */
    const groups = before ?? [];
    let placed = false;
    /** @type {unknown[]} */
    const replaced = [];
    const kept = [];
    for (const group of groups) {
      if (!group || typeof group !== "object" || !Array.isArray(group.hooks)) {
        kept.push(group);
        continue;
      }
      const hooks = [];
      for (const h of group.hooks) {
        if (!isTaskhubHook(h)) {
          hooks.push(h);
          continue;
        }
        if (!placed && sameMatcher(group.matcher, matcher)) {
          hooks.push(entry);
          placed = true;
          if (!deepEqual(h, entry)) replaced.push(h);
        } else {
          replaced.push(h);
        }
      }
      if (hooks.length > 0 || group.hooks.length === 0) kept.push({ ...group, hooks });
    }
    if (!placed) {
      kept.push(matcher ? { matcher, hooks: [entry] } : { hooks: [entry] });
      changes.push(`${replaced.length ? "replaced" : "added"} ${label}: ${describe(entry)}`);
    } else if (replaced.length) {
      changes.push(`updated ${label}: ${describe(entry)}`);
    }
    next.hooks[event] = kept;
  }
  return { settings: next, changes };
}

/**
 * Pure: the settings with taskhub's `env` entries, and a line per change. A value the user set differently is
 * theirs and stays; with todoTools off nothing is added, and the switch taskhub sets ("1") is taken back.
 * @param {Record<string, any>} settings
 * @param {{ todoTools: boolean, project: string | null }} opts
 * @returns {{ settings: Record<string, any>, changes: string[] }}
 */
export function mergeEnv(settings, { todoTools, project }) {
  const next = structuredClone(settings);
  /** @type {string[]} */
  const changes = [];
  if (next.env !== undefined && (!next.env || typeof next.env !== "object" || Array.isArray(next.env))) {
    throw new CliError('"env" in settings.json is not an object; fix it by hand, then run taskhub init again');
  }
  /** @type {Record<string, string>} */
  const ours = { [TODO_TOOLS_ENV]: "1" };
  if (project) ours[TASK_LIST_ENV] = project;
  const env = { ...(next.env ?? {}) };
  for (const [name, value] of Object.entries(ours)) {
    if (todoTools && env[name] === undefined) {
      env[name] = value;
      changes.push(`set env ${name}=${value}`);
    } else if (todoTools && env[name] !== value) {
      changes.push(`kept env ${name}=${env[name]} (yours; taskhub would set ${value})`);
    } else if (!todoTools && name === TODO_TOOLS_ENV && env[name] === value) {
      delete env[name];
      changes.push(`removed env ${name}`);
    }
  }
  if (Object.keys(env).length || next.env !== undefined) next.env = env;
  return { settings: next, changes };
}

/**
 * @param {{ cwd: string, url: string, command: boolean, bin?: string, todoTools?: boolean, project?: string | null, out: (line: string) => void }} opts
 * @returns {{ file: string, changed: boolean }}
 */
export function runInit({ cwd, url, command, bin, todoTools = true, project = null, out }) {
  const file = path.join(cwd, ".claude", "settings.json");
  /** @type {Record<string, any>} */
  let settings = {};
  let existed = false;
  let text = "";
  try {
    text = fs.readFileSync(file, "utf8");
    existed = true;
  } catch (err) {
    if (/** @type {any} */ (err)?.code !== "ENOENT") throw new CliError(`cannot read ${file}: ${/** @type {any} */ (err)?.message}`);
  }
  if (existed && text.trim()) {
    try {
      settings = JSON.parse(text);
    } catch (err) {
      // Never overwrite a file we could not read: it is the user's, and it may hold more than hooks.
      throw new CliError(`${file} is not valid JSON (${/** @type {any} */ (err)?.message}); fix it, then run taskhub init again`);
    }
    if (!settings || typeof settings !== "object" || Array.isArray(settings)) {
      throw new CliError(`${file} does not hold a JSON object; fix it, then run taskhub init again`);
    }
  }

  const hooked = mergeHooks(settings, wantedHooks({ url, command, bin, taskList: todoTools }));
  const envd = mergeEnv(hooked.settings, { todoTools, project });
  const merged = envd.settings;
  const changes = [...hooked.changes, ...envd.changes];
  const rel = path.relative(cwd, file) || file;
  if (existed && deepEqual(settings, merged)) {
    out(`${rel} already has taskhub's hooks; nothing changed.`);
    return { file, changed: false };
  }
  writeAtomic(file, JSON.stringify(merged, null, 2) + "\n");
  out(`${existed ? "updated" : "created"} ${rel}:`);
  for (const line of changes) out(`  ${line}`);
  if (todoTools && !project) {
    out(`No project of the hub holds ${cwd}, so ${TASK_LIST_ENV} is not set: run taskhub init --project KEY to share one task list.`);
  }
  if (todoTools) out(`Claude Code's todo tools are on (${TODO_TOOLS_ENV}); --no-todo-tools leaves them out.`);
  if (!process.env.TASKHUB_TOKEN) {
    out("The hooks send $TASKHUB_TOKEN: export it where you start Claude Code (taskhub token create makes one).");
  }
  return { file, changed: true };
}

/** @param {unknown} a @param {unknown} b */
function sameMatcher(a, b) {
  // Claude Code treats a missing matcher, "" and "*" alike.
  const norm = (/** @type {unknown} */ m) => (m === undefined || m === "" || m === "*" ? "" : m);
  return norm(a) === norm(b);
}

/** @param {HookEntry} entry */
function describe(entry) {
  return entry.type === "http" ? `http POST ${entry.url}` : `command ${entry.command}`;
}

/** @param {unknown} a @param {unknown} b @returns {boolean} */
export function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  // Key order counts: a reordered file is a change the user would see in a diff.
  return ka.every((k, i) => k === kb[i] && deepEqual(/** @type {any} */ (a)[k], /** @type {any} */ (b)[k]));
}

/**
 * The command runs through a shell; quote only what needs it, so the common case stays readable.
 * @param {string} s
 */
export function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The key of the hub's project for this directory, as the SessionStart hook finds it; null when the hub does
 * not know the directory, no token is set, or the hub cannot be reached (init then says how to name it).
 * @param {import("./config.mjs").HubConfig} cfg
 * @param {string} cwd
 * @returns {Promise<string | null>}
 */
export async function projectOfCwd(cfg, cwd) {
  if (!cfg.token) return null;
  try {
    const res = /** @type {{ project?: unknown }} */ (await hubJson(cfg, `/api/context?cwd=${encodeURIComponent(cwd)}`, { timeoutMs: 5_000 }));
    return typeof res.project === "string" ? res.project : null;
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    return null; // init still writes the hooks; the line it prints says how to add the list id
  }
}
