// The terminal commands on tasks (ready, list, show, add, start/done/cancel, dep add, prime), over the hub's REST routes.
import { CliError, UsageError } from "./config.mjs";
import { byPriority, OPEN_STATUSES, PRIORITIES, STATUSES, taskLines, taskPage } from "./format.mjs";
import { HubError, hubJson } from "./http.mjs";

/** @typedef {import("./config.mjs").HubConfig} HubConfig */
/** @typedef {import("./format.mjs").Task} Task */
/** @typedef {Record<string, string | boolean | undefined>} Flags */
/**
 * @typedef {{ cfg: HubConfig, cwd: string, flags: Flags, args: string[], out: (text: string) => void, width: number }} Call
 */

/** The hub's page limit; a listing follows cursors up to MAX_TASKS and says when it stopped. */
const PAGE = 200;
const MAX_TASKS = 2_000;
const MOVES = /** @type {const} */ ({ start: "in_progress", done: "completed", cancel: "cancelled" });

/**
 * @param {string} command ready, list, show, add, start, done, cancel, dep or prime
 * @param {Call} call
 * @returns {Promise<number>} the exit code
 */
export async function runTaskCommand(command, call) {
  try {
    switch (command) {
      case "ready":
        return await ready(call);
      case "list":
        return await list(call);
      case "show":
        return await show(call);
      case "add":
        return await add(call);
      case "start":
      case "done":
      case "cancel":
        return await move(call, command);
      case "dep":
        return await depAdd(call);
      case "prime":
        return await prime(call);
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (err) {
    throw explain(err);
  }
}

/** @param {Call} call */
async function ready(call) {
  arity(call.args, 0, 0, "ready");
  const project = await projectFor(call);
  const tasks = await listAll(call.cfg, { project, status: OPEN_STATUSES.join(","), blocked: "false" });
  print(call, byPriority(tasks.items), tasks.more);
  return 0;
}

/** @param {Call} call */
async function list(call) {
  arity(call.args, 0, 0, "list");
  const statuses = statusesOf(str(call.flags.status));
  if (call.flags.mine && call.flags.assignee !== undefined) throw new UsageError("--mine and --assignee both name the assignee: pick one");
  const project = await projectFor(call);
  const assignee = call.flags.mine ? await myUserId(call.cfg) : str(call.flags.assignee);
  /** @type {Record<string, string>} */
  const query = { project };
  if (statuses) query.status = statuses.join(",");
  if (assignee) query.assignee = assignee;
  const tasks = await listAll(call.cfg, query);
  print(call, tasks.items, tasks.more);
  return 0;
}

/** @param {Call} call */
async function show(call) {
  arity(call.args, 1, 1, "show KEY");
  const key = keyOf(call.args[0]);
  const task = await hubJson(call.cfg, `/api/tasks/${encodeURIComponent(key)}`);
  call.out(call.flags.json ? JSON.stringify(task) : taskPage(task, call.width).join("\n"));
  return 0;
}

/** @param {Call} call */
async function add(call) {
  arity(call.args, 1, 1, 'add "title"');
  const title = call.args[0].trim();
  if (!title) throw new UsageError("the title is empty");
  const priority = str(call.flags.priority);
  if (priority !== undefined && !PRIORITIES.includes(priority)) throw new UsageError(`--priority must be one of ${PRIORITIES.join(", ")}, got ${priority}`);
  const due = call.flags.due === undefined ? undefined : dueAtOf(str(call.flags.due) ?? "");
  const parent = call.flags.parent === undefined ? undefined : keyOf(str(call.flags.parent) ?? "");
  const blocks = call.flags.blocks === undefined ? undefined : keyOf(str(call.flags.blocks) ?? "");
  const project = await projectFor(call);
  // Bad input changes nothing: the task it would block must exist, and the hub must know subtasks, before anything is created.
  if (blocks) await hubJson(call.cfg, `/api/tasks/${encodeURIComponent(blocks)}`);
  if (parent) await requireSubtasks(call.cfg);
  const body = { project, title, ...(priority ? { priority } : {}), ...(due ? { dueAt: due } : {}), ...(parent ? { parent } : {}) };
  let task;
  try {
    task = await hubJson(call.cfg, "/api/tasks", { method: "POST", body: JSON.stringify(body), contentType: "application/json" });
  } catch (err) {
    if (parent && err instanceof HubError && err.status === 400 && refusesParentField(err.details)) throw noSubtasks(err);
    throw err;
  }
  let dep = null;
  if (blocks) {
    try {
      dep = await addDependency(call.cfg, blocks, task.key);
    } catch (err) {
      throw new CliError(`created ${task.key}, but it does not block ${blocks}: ${explain(err).message}`);
    }
  }
  if (call.flags.json) call.out(JSON.stringify(dep ? { ...task, blocks: [dep.task] } : task));
  else call.out([...taskLines([task], call.width), ...(dep ? [`${dep.task} now waits for ${task.key}`] : [])].join("\n"));
  return 0;
}

/** @param {Call} call @param {keyof typeof MOVES} command */
async function move(call, command) {
  arity(call.args, 1, 1, `${command} KEY`);
  const key = keyOf(call.args[0]);
  const status = MOVES[command];
  const task = await hubJson(call.cfg, `/api/tasks/${encodeURIComponent(key)}/status`, {
    method: "PUT",
    body: JSON.stringify({ status }),
    contentType: "application/json",
  });
  call.out(call.flags.json ? JSON.stringify(task) : taskLines([task], call.width).join("\n"));
  return 0;
}

/** @param {Call} call */
async function depAdd(call) {
  if (call.args[0] !== "add") throw new UsageError("did you mean: taskhub dep add KEY BLOCKER");
  arity(call.args, 3, 3, "dep add KEY BLOCKER");
  const dep = await addDependency(call.cfg, keyOf(call.args[1]), keyOf(call.args[2]));
  if (call.flags.json) call.out(JSON.stringify(dep));
  else call.out(`${dep.task} ${dep.added ? "now waits" : "already waited"} for ${dep.dependsOn}`);
  return 0;
}

/** The SessionStart hook's context, as the next Claude Code session in this directory would get it. @param {Call} call */
async function prime(call) {
  arity(call.args, 0, 0, "prime");
  if (call.flags.project !== undefined) throw new UsageError("prime shows what a session in this directory gets: run it there instead of passing --project");
  const res = await hubJson(call.cfg, `/api/context?cwd=${encodeURIComponent(call.cwd)}`);
  if (typeof res.project !== "string") throw noProject(call.cwd);
  const context = typeof res.additionalContext === "string" ? res.additionalContext : "";
  if (call.flags.json) call.out(JSON.stringify({ project: res.project, additionalContext: context }));
  else if (context) call.out(context);
  return 0;
}

/**
 * @param {HubConfig} cfg @param {string} key @param {string} dependsOn
 * @returns {Promise<{ task: string, dependsOn: string, added: boolean }>}
 */
function addDependency(cfg, key, dependsOn) {
  return hubJson(cfg, `/api/tasks/${encodeURIComponent(key)}/dependencies`, {
    method: "POST",
    body: JSON.stringify({ dependsOn }),
    contentType: "application/json",
  });
}

/** `--project` wins; otherwise the project the hooks find for this directory. @param {Call} call */
async function projectFor(call) {
  const flag = str(call.flags.project);
  if (flag !== undefined) {
    if (!/^[A-Za-z][A-Za-z0-9]{1,9}$/.test(flag)) throw new UsageError(`--project takes a project key such as HUB, got ${flag}`);
    return flag.toUpperCase();
  }
  const res = await hubJson(call.cfg, `/api/context?cwd=${encodeURIComponent(call.cwd)}`);
  if (typeof res.project !== "string") throw noProject(call.cwd);
  return res.project;
}

/**
 * Every page of GET /api/tasks for this query, up to MAX_TASKS.
 * @param {HubConfig} cfg @param {Record<string, string>} query
 * @returns {Promise<{ items: Task[], more: boolean }>}
 */
async function listAll(cfg, query) {
  /** @type {Task[]} */
  const items = [];
  /** @type {string | null} */
  let cursor = null;
  do {
    const qs = new URLSearchParams({ ...query, limit: String(PAGE), ...(cursor ? { cursor } : {}) });
    const page = await hubJson(cfg, `/api/tasks?${qs}`);
    items.push(...page.tasks);
    cursor = typeof page.nextCursor === "string" ? page.nextCursor : null;
  } while (cursor && items.length < MAX_TASKS);
  return { items, more: cursor !== null };
}

/**
 * The token's person, for `list --mine`.
 * @param {HubConfig} cfg
 * @returns {Promise<string>}
 */
async function myUserId(cfg) {
  let me;
  try {
    me = await hubJson(cfg, "/api/auth/me");
  } catch (err) {
    if (err instanceof HubError && err.status === 404) {
      throw new CliError("this hub cannot tell whose token this is (it has no GET /api/auth/me): use --assignee USER_ID instead of --mine");
    }
    throw err;
  }
  if (typeof me?.userId !== "string" || !me.userId) {
    throw new CliError(`this token${me?.name ? ` (${me.name})` : ""} belongs to no person, so nothing is "mine": use --assignee USER_ID, or a token made with a userId`);
  }
  return me.userId;
}

/**
 * Subtasks are new: a hub whose POST /api/tasks does not list `parent` would drop it silently and create a top-level task.
 * A hub that does not serve its document is left to refuse the field itself (addTask reads that 400).
 * @param {HubConfig} cfg
 */
async function requireSubtasks(cfg) {
  let doc;
  try {
    doc = await hubJson(cfg, "/openapi.json");
  } catch (err) {
    if (err instanceof HubError && err.kind === "http" && !err.auth) return;
    throw err;
  }
  const fields = doc?.components?.schemas?.NewTask?.properties;
  if (fields && !("parent" in fields)) throw noSubtasks(null);
}

/** A schema refusal naming `parent` as a field it does not know (zod's unrecognized_keys issue). @param {unknown} details */
function refusesParentField(details) {
  return Array.isArray(details) && details.some((i) => i?.code === "unrecognized_keys" && Array.isArray(i.keys) && i.keys.includes("parent"));
}

/** @param {HubError | null} err */
function noSubtasks(err) {
  const why = err?.hubMessage ? ` (${err.hubMessage})` : "";
  return new CliError(`this hub does not know subtasks yet, so --parent cannot be used${why}; nothing was created`);
}

/** @param {string} cwd */
function noProject(cwd) {
  return new CliError(`the hub knows no project for ${cwd}: pass --project KEY, or add this directory to a project's paths`);
}

/**
 * The hub's refusals, said in the terms of the command: which task is missing, which dependencies would go round.
 * @param {unknown} err
 * @returns {Error}
 */
function explain(err) {
  if (!(err instanceof HubError) || err.kind !== "http") return /** @type {Error} */ (err);
  if (err.status === 404 && err.code === "not_found") {
    const m = /^Task (\S+) not found$/.exec(err.hubMessage);
    if (m) return new CliError(`no task ${m[1].toUpperCase()}`);
    if (err.hubMessage) return new CliError(err.hubMessage);
  }
  if (err.status === 409 && err.code === "dependency_cycle") {
    const path = /** @type {any} */ (err.details)?.path;
    if (Array.isArray(path) && path.length > 1) {
      return new CliError(`${path[0]} cannot wait for ${path[1]}: that would close a cycle (each waits for the next): ${path.join(" → ")}`);
    }
    return new CliError(err.hubMessage || "that dependency would close a cycle");
  }
  return err;
}

/** @param {Call} call @param {Task[]} tasks @param {boolean} more */
function print(call, tasks, more) {
  if (call.flags.json) {
    call.out(JSON.stringify(tasks));
    return;
  }
  if (tasks.length) call.out(taskLines(tasks, call.width).join("\n"));
  if (more) call.out(`…the first ${tasks.length} only: narrow it with --status`);
}

/**
 * `in-progress` and `in_progress` both work; `all` is every status, and no flag means the open ones.
 * @param {string | undefined} raw
 * @returns {string[] | null} null: every status
 */
function statusesOf(raw) {
  if (raw === undefined) return [...OPEN_STATUSES];
  if (raw.trim() === "all") return null;
  const wanted = raw.split(",").map((s) => s.trim().toLowerCase().replace(/-/g, "_"));
  const bad = wanted.find((s) => !STATUSES.includes(s));
  if (bad !== undefined) throw new UsageError(`unknown status ${bad}: use ${STATUSES.join(", ")} (comma-separated), or all`);
  return wanted;
}

/** @param {string} raw */
function keyOf(raw) {
  if (!/^[A-Za-z][A-Za-z0-9]{0,9}-\d{1,9}$/.test(raw.trim())) throw new UsageError(`not a task key: ${raw} (a key looks like HUB-12)`);
  return raw.trim().toUpperCase();
}

/**
 * A date is the end of that day where the user is; a full ISO date-time is taken as it is.
 * @param {string} raw
 */
function dueAtOf(raw) {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (day) {
    const d = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59);
    if (d.getDate() !== Number(day[3])) throw new UsageError(`--due: no such day ${raw}`);
    return d.toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw.trim()) && !Number.isNaN(Date.parse(raw))) {
    return new Date(raw).toISOString();
  }
  throw new UsageError(`--due takes a date (2026-12-05) or a date-time with its offset (2026-12-05T17:00:00+01:00), got ${raw}`);
}

/** @param {string[]} args @param {number} min @param {number} max @param {string} shape */
function arity(args, min, max, shape) {
  if (args.length < min) throw new UsageError(`missing argument: taskhub ${shape}`);
  if (args.length > max) throw new UsageError(`unexpected argument: ${args[max]}`);
}

/** @param {unknown} v */
function str(v) {
  return typeof v === "string" ? v : undefined;
}
