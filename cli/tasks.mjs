// The terminal commands on tasks (ready, list, show, add, start/done/cancel, dep add, prime), over the hub's REST routes.
import { CliError, UsageError } from "./config.mjs";
import { byPriority, OPEN_STATUSES, PRIORITIES, taskLines, taskPage } from "./format.mjs";
import { HubError, hubJson } from "./http.mjs";
import { arity, dueAtOf, keyOf, statusesOf, str } from "./task-args.mjs";
import { addDependency, explain, listAll, myUserId, noProject, noSubtasks, projectFor, refusesParentField, requireSubtasks } from "./task-hub.mjs";

/** @typedef {import("./config.mjs").HubConfig} HubConfig */
/** @typedef {import("./format.mjs").Task} Task */
/** @typedef {Record<string, string | boolean | undefined>} Flags */
/**
 * @typedef {{ cfg: HubConfig, cwd: string, flags: Flags, args: string[], out: (text: string) => void, width: number }} Call
 */

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
  const project = await projectFor(call.cfg, str(call.flags.project), call.cwd);
  const tasks = await listAll(call.cfg, { project, status: OPEN_STATUSES.join(","), blocked: "false" });
  print(call, byPriority(tasks.items), tasks.more);
  return 0;
}

/** @param {Call} call */
async function list(call) {
  arity(call.args, 0, 0, "list");
  const statuses = statusesOf(str(call.flags.status));
  if (call.flags.mine && call.flags.assignee !== undefined) throw new UsageError("--mine and --assignee both name the assignee: pick one");
  const project = await projectFor(call.cfg, str(call.flags.project), call.cwd);
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
  const project = await projectFor(call.cfg, str(call.flags.project), call.cwd);
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

/** @param {Call} call @param {Task[]} tasks @param {boolean} more */
function print(call, tasks, more) {
  if (call.flags.json) {
    call.out(JSON.stringify(tasks));
    return;
  }
  if (tasks.length) call.out(taskLines(tasks, call.width).join("\n"));
  if (more) call.out(`…the first ${tasks.length} only: narrow it with --status`);
}
