// What the terminal commands ask the hub besides the plain task routes, and its refusals said in the commands' terms.
import { CliError, UsageError } from "./config.mjs";
import { HubError, hubJson } from "./http.mjs";

/** @typedef {import("./config.mjs").HubConfig} HubConfig */
/** @typedef {import("./format.mjs").Task} Task */

/** The hub's page limit; a listing follows cursors up to MAX_TASKS and says when it stopped. */
const PAGE = 200;
const MAX_TASKS = 2_000;

/**
 * @param {HubConfig} cfg @param {string} key @param {string} dependsOn
 * @returns {Promise<{ task: string, dependsOn: string, added: boolean }>}
 */
export function addDependency(cfg, key, dependsOn) {
  return hubJson(cfg, `/api/tasks/${encodeURIComponent(key)}/dependencies`, {
    method: "POST",
    body: JSON.stringify({ dependsOn }),
    contentType: "application/json",
  });
}

/**
 * `--project` wins; otherwise the project the hooks find for this directory.
 * @param {HubConfig} cfg @param {string | undefined} flag @param {string} cwd
 * @returns {Promise<string>}
 */
export async function projectFor(cfg, flag, cwd) {
  if (flag !== undefined) {
    if (!/^[A-Za-z][A-Za-z0-9]{1,9}$/.test(flag)) throw new UsageError(`--project takes a project key such as HUB, got ${flag}`);
    return flag.toUpperCase();
  }
  const res = await hubJson(cfg, `/api/context?cwd=${encodeURIComponent(cwd)}`);
  if (typeof res.project !== "string") throw noProject(cwd);
  return res.project;
}

/**
 * Every page of GET /api/tasks for this query, up to MAX_TASKS.
 * @param {HubConfig} cfg @param {Record<string, string>} query
 * @returns {Promise<{ items: Task[], more: boolean }>}
 */
export async function listAll(cfg, query) {
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
export async function myUserId(cfg) {
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
 * A hub that does not serve its document is left to refuse the field itself (`add` reads that 400).
 * @param {HubConfig} cfg
 */
export async function requireSubtasks(cfg) {
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
export function refusesParentField(details) {
  return Array.isArray(details) && details.some((i) => i?.code === "unrecognized_keys" && Array.isArray(i.keys) && i.keys.includes("parent"));
}

/** @param {HubError | null} err */
export function noSubtasks(err) {
  const why = err?.hubMessage ? ` (${err.hubMessage})` : "";
  return new CliError(`this hub does not know subtasks yet, so --parent cannot be used${why}; nothing was created`);
}

/** @param {string} cwd */
export function noProject(cwd) {
  return new CliError(`the hub knows no project for ${cwd}: pass --project KEY, or add this directory to a project's paths`);
}

/**
 * The hub's refusals, said in the terms of the command: which task is missing, which dependencies would go round.
 * @param {unknown} err
 * @returns {Error}
 */
export function explain(err) {
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
