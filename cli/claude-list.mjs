// The hub's tasks written into Claude Code's own task list (~/.claude/tasks/<list>/<n>.json) at SessionStart, so TaskList shows them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hubJson } from "./http.mjs";
import { writeAtomic } from "./transcript.mjs";

/** Claude names the list's folder by its id: only a plain name is one (the hub's taskListId). */
const LIST_ID = /^[A-Za-z0-9_.-]{1,200}$/;
const TASK_FILE = /^([1-9]\d{0,8})\.json$/;
const HIGH_WATER_MARK = ".highwatermark";
/** Claude locks the list with proper-lockfile on `.lock`: the lock is the directory `.lock.lock`. */
const LOCK = ".lock";
const HELD = ".lock.lock";

/**
 * @typedef {{ key: string, title: string, description: string, status: "pending" | "in_progress" | "completed", activeForm: string,
 *   blocks: string[], blockedBy: string[], claudeId?: string }} ListTask
 * @typedef {{ id: string, subject: string, description: string, activeForm?: string, owner?: string, status: string,
 *   blocks: string[], blockedBy: string[], metadata?: Record<string, unknown> }} ClaudeTask
 */

/** @param {NodeJS.ProcessEnv} env @param {string} list */
export function listFolder(env, list) {
  const config = env.CLAUDE_CONFIG_DIR || path.join(env.HOME || os.homedir(), ".claude");
  return path.join(config, "tasks", list);
}

/** @param {string} list */
export const isListId = (list) => LIST_ID.test(list) && list !== "." && list !== "..";

/**
 * The folder as Claude left it: its tasks by id and its high-water mark.
 * @param {string} dir
 * @returns {{ files: Map<string, ClaudeTask>, highWaterMark: number }}
 */
export function readFolder(dir) {
  /** @type {Map<string, ClaudeTask>} */
  const files = new Map();
  let names = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { files, highWaterMark: 0 };
  }
  for (const name of names) {
    const m = TASK_FILE.exec(name);
    if (!m) continue;
    try {
      const task = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
      if (task && typeof task === "object") files.set(m[1], task);
    } catch {
      // Half-written or foreign: its id is still taken.
      files.set(m[1], /** @type {any} */ (null));
    }
  }
  let highWaterMark = 0;
  try {
    highWaterMark = parseInt(fs.readFileSync(path.join(dir, HIGH_WATER_MARK), "utf8").trim(), 10) || 0;
  } catch {
    // No mark yet: the files alone say which ids are taken.
  }
  return { files, highWaterMark };
}

/**
 * Ids for the open hub tasks that have none in the list yet: the next free ones, above the high-water mark, every
 * file in the folder and every id the hub already gave.
 * @param {ListTask[]} tasks @param {{ files: Map<string, unknown>, highWaterMark: number }} folder
 * @returns {{ key: string, claudeId: string }[]}
 */
export function newIds(tasks, folder) {
  let top = Math.max(folder.highWaterMark, ...[...folder.files.keys()].map(Number), ...tasks.map((t) => Number(t.claudeId ?? 0)));
  return tasks.filter((t) => !t.claudeId && t.status !== "completed").map((t) => ({ key: t.key, claudeId: String(++top) }));
}

/** Claude's statuses in the order work moves; the hub never moves a file back (a lagging hub must not undo Claude's word). */
const ORDER = ["pending", "in_progress", "completed"];
/** @param {string | undefined} before @param {string} hub */
const forward = (before, hub) => (ORDER.indexOf(hub) > ORDER.indexOf(before ?? "") ? hub : /** @type {string} */ (before));

/**
 * The files to write: each hub task with an id, as Claude writes it. A file Claude already has keeps Claude's
 * wording (subject, description, activeForm) and what only Claude knows (owner, metadata); the hub moves its status
 * forward only and sets its edges. A finished task with no file is not written; a file the hub has no task for is
 * not touched; a file already saying the same is not rewritten.
 * @param {ListTask[]} tasks with the ids assigned
 * @param {Map<string, ClaudeTask>} files
 * @returns {ClaudeTask[]}
 */
export function filesToWrite(tasks, files) {
  const idOf = new Map(tasks.filter((t) => t.claudeId).map((t) => [t.key, /** @type {string} */ (t.claudeId)]));
  const ids = (/** @type {string[]} */ keys) => keys.map((k) => idOf.get(k)).filter((x) => x !== undefined);
  /** @type {ClaudeTask[]} */
  const out = [];
  for (const t of tasks) {
    if (!t.claudeId) continue;
    const before = files.get(t.claudeId);
    if (!before && t.status === "completed") continue;
    /** @type {ClaudeTask} */
    const task = {
      id: t.claudeId,
      subject: before?.subject || t.title,
      description: typeof before?.description === "string" ? before.description : t.description,
      activeForm: before?.activeForm || t.activeForm,
      status: before ? forward(before.status, t.status) : t.status,
      blocks: ids(t.blocks),
      blockedBy: ids(t.blockedBy),
    };
    if (before?.owner) task.owner = before.owner;
    if (before?.metadata) task.metadata = before.metadata;
    if (!before || JSON.stringify(before) !== JSON.stringify(task)) out.push(task);
  }
  return out;
}

/**
 * Holds Claude's lock for `write`, or skips it when the lock is held: a session start must not wait.
 * @param {string} dir @param {() => void} write
 * @returns {boolean} whether it wrote
 */
export function withListLock(dir, write) {
  fs.mkdirSync(dir, { recursive: true });
  try {
    fs.writeFileSync(path.join(dir, LOCK), "", { flag: "wx" });
  } catch {
    // There already: Claude made it.
  }
  try {
    fs.mkdirSync(path.join(dir, HELD));
  } catch {
    return false;
  }
  try {
    write();
    return true;
  } finally {
    fs.rmSync(path.join(dir, HELD), { recursive: true, force: true });
  }
}

/**
 * @param {{ cfg: import("./config.mjs").HubConfig, env: NodeJS.ProcessEnv, cwd: string, list: string, timeoutMs: () => number }} io
 * @returns {Promise<{ written: string[], assigned: number, locked: boolean } | null>} null when there was nothing to do
 */
export async function syncClaudeList({ cfg, env, cwd, list, timeoutMs }) {
  if (!cwd || !isListId(list)) return null;
  const q = `cwd=${encodeURIComponent(cwd)}&list=${encodeURIComponent(list)}`;
  const res = await hubJson(cfg, `/api/claude/task-list?${q}`, { timeoutMs: timeoutMs() });
  /** @type {ListTask[]} */
  const tasks = Array.isArray(res?.tasks) ? res.tasks : [];
  if (!res?.project || !tasks.length) return null;
  const dir = listFolder(env, list);
  const folder = readFolder(dir);
  const wanted = newIds(tasks, folder);
  let assigned = 0;
  if (wanted.length) {
    const body = JSON.stringify({ cwd, list, assign: wanted });
    const ok = await hubJson(cfg, "/api/claude/task-list", { method: "POST", body, contentType: "application/json", timeoutMs: timeoutMs() });
    // Only the ids the hub kept: another session may have given the same task, or the same id, first.
    const kept = new Map((Array.isArray(ok?.assigned) ? ok.assigned : []).map((/** @type {any} */ a) => [a.key, String(a.claudeId)]));
    for (const t of tasks) if (!t.claudeId && kept.has(t.key)) t.claudeId = kept.get(t.key);
    assigned = kept.size;
  }
  const files = filesToWrite(tasks, folder.files);
  const top = Math.max(folder.highWaterMark, ...files.map((f) => Number(f.id)));
  if (!files.length) return { written: [], assigned, locked: false };
  const wrote = withListLock(dir, () => {
    for (const f of files) {
      const file = path.join(dir, `${f.id}.json`);
      // Claude may have numbered a task of its own with this id since the folder was read: that one stays.
      if (!folder.files.has(f.id) && fs.existsSync(file)) continue;
      writeAtomic(file, JSON.stringify(f, null, 2));
    }
    if (top > folder.highWaterMark) writeAtomic(path.join(dir, HIGH_WATER_MARK), String(top));
  });
  return { written: wrote ? files.map((f) => f.id) : [], assigned, locked: !wrote };
}
