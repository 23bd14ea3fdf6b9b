// `taskhub import --from beads|taskmaster|backlog|claude-tasks PATH`: finds a tracker's files, posts them as they are, prints the hub's summary.
//
// The CLI does not parse the files: the hub reads them with the same pure importers every surface uses
// (src/domain/trackers), so what the CLI sends is the files' text and which tracker wrote them.
import fs from "node:fs";
import path from "node:path";
import { CliError, UsageError } from "./config.mjs";
import { HubError, hubFetch } from "./http.mjs";

export const TRACKERS = ["beads", "taskmaster", "backlog", "claude-tasks"];
export const TRACKER_IMPORT_PATH = "/api/import/tracker";
/** The hub refuses larger inputs anyway (src/domain/trackers/model.ts FILE_MAX); stop before reading them. */
const FILE_MAX_BYTES = 20_000_000;
/** The hub's body limit (src/http/ingest.ts MAX_BODY_BYTES), less room for the JSON around the files. */
const TOTAL_MAX_BYTES = 25 * 1024 * 1024 - 64 * 1024;

/**
 * Where each tracker keeps its work, given the file itself or the folder it lives in (a repository root works).
 * @param {string} from
 * @param {string} target
 * @returns {{ from: string, listId?: string, files: { path: string, text: string }[] }} the request body
 */
export function readTrackerFiles(from, target) {
  if (!TRACKERS.includes(from)) throw new UsageError(`--from must be one of ${TRACKERS.join(", ")}`);
  const root = path.resolve(target);
  if (!fs.existsSync(root)) throw new CliError(`no such file or directory: ${root}`);
  const isDir = fs.statSync(root).isDirectory();
  switch (from) {
    case "beads": {
      const file = isDir ? firstExisting(root, [".beads/issues.jsonl", "issues.jsonl"]) : root;
      return { from, files: [readOne(file, path.basename(file))] };
    }
    case "taskmaster": {
      const file = isDir ? firstExisting(root, [".taskmaster/tasks/tasks.json", "tasks/tasks.json", "tasks.json"]) : root;
      return { from, files: [readOne(file, path.basename(file))] };
    }
    case "backlog": {
      if (!isDir) throw new CliError(`backlog needs the backlog folder (or the repository holding it): ${root}`);
      const dir = fs.existsSync(path.join(root, "backlog", "config.yml")) ? path.join(root, "backlog") : root;
      // Active tasks, drafts and completed ones; archive/, docs/ and decisions/ hold no live tasks.
      const names = ["config.yml", ...["tasks", "drafts", "completed"].flatMap((sub) => listMarkdown(dir, sub))];
      const files = names.filter((n) => fs.existsSync(path.join(dir, n))).map((n) => readOne(path.join(dir, n), n));
      if (!files.some((f) => f.path.endsWith(".md"))) throw new CliError(`no task files under ${path.join(dir, "tasks")}`);
      return { from, files };
    }
    default: {
      // claude-tasks: one list folder, ~/.claude/tasks/<list>/; its name is the list id.
      if (!isDir) throw new CliError(`claude-tasks needs a task list folder such as ~/.claude/tasks/<list>: ${root}`);
      const names = fs.readdirSync(root).filter((n) => n.endsWith(".json")).sort(byNumber);
      if (!names.length) throw new CliError(`no task files in ${root}`);
      return { from, listId: path.basename(root), files: names.map((n) => readOne(path.join(root, n), n)) };
    }
  }
}

/**
 * Reads and posts; returns the hub's answer. The hub answers NDJSON progress lines as it writes
 * ({done, total}), then {result}; `onProgress` hears each.
 * @param {{ cfg: import("./config.mjs").HubConfig, from: string, target: string, project: string, onProgress?: (done: number, total: number) => void }} opts
 */
export async function importTrackerFiles({ cfg, from, target, project, onProgress = () => {} }) {
  const body = readTrackerFiles(from, target);
  const total = body.files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  if (total > TOTAL_MAX_BYTES) throw new CliError(`the files come to ${total} bytes; the limit is ${TOTAL_MAX_BYTES}`);
  const query = `?project=${encodeURIComponent(project)}&progress=1`;
  const res = await hubFetch(cfg, TRACKER_IMPORT_PATH + query, { method: "POST", body: JSON.stringify(body), contentType: "application/json", timeoutMs: 120_000, stream: true });
  let answer = null;
  for await (const line of lines(/** @type {ReadableStream<Uint8Array>} */ (res.body))) {
    const msg = JSON.parse(line);
    if (msg.error) throw new HubError(`the import stopped: ${msg.error.message}`, { kind: "http", status: 500, code: msg.error.code, hubMessage: msg.error.message });
    if (typeof msg.done === "number") onProgress(msg.done, msg.total);
    if (msg.result) answer = msg.result;
  }
  if (!answer) throw new HubError("the hub ended the import without a result", { kind: "network" });
  return { sent: body, answer };
}

/** @param {ReadableStream<Uint8Array>} stream @returns {AsyncGenerator<string>} */
async function* lines(stream) {
  const decoder = new TextDecoder();
  let buf = "";
  for await (const chunk of /** @type {AsyncIterable<Uint8Array>} */ (/** @type {unknown} */ (stream))) {
    buf += decoder.decode(chunk, { stream: true });
    let nl;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) yield line;
    }
  }
  if (buf.trim()) yield buf.trim();
}

/**
 * A bar redrawn on a terminal; on a pipe, nothing until the summary.
 * @param {NodeJS.WriteStream} stderr
 */
export function progressBar(stderr) {
  let drawn = false;
  return {
    /** @param {number} done @param {number} total */
    update(done, total) {
      if (!stderr.isTTY || !total) return;
      const width = 24;
      const fill = Math.round((Math.min(done, total) / total) * width);
      stderr.write(`\r[${"#".repeat(fill)}${"-".repeat(width - fill)}] ${done}/${total}\x1b[K`);
      drawn = true;
    },
    end() {
      if (drawn) stderr.write("\n");
    },
  };
}

/**
 * What the import did, in lines for a person: how many tasks, then every source value and what it became,
 * then what was skipped, left unresolved or cut. `accounting` is the importers' TrackerAccounting.
 * @param {{ from: string, files: number, tasks?: number, created?: number, updated?: number, unchanged?: number, accounting?: any }} s
 * @returns {string[]}
 */
export function formatTrackerSummary(s) {
  const a = s.accounting ?? {};
  const head = [`${s.from}: ${s.files} file${s.files === 1 ? "" : "s"}`];
  if (s.tasks !== undefined) head.push(`${s.tasks} task${s.tasks === 1 ? "" : "s"}`);
  if (s.created !== undefined) head.push(`${s.created} created`);
  if (s.updated !== undefined) head.push(`${s.updated} updated`);
  if (s.unchanged !== undefined) head.push(`${s.unchanged} unchanged`);
  const lines = [head.join(", ")];
  /** @type {[string, string][]} */
  const groups = [
    ["statuses", "status"],
    ["priorities", "priority"],
    ["types", "type"],
    ["linkKinds", "link"],
  ];
  for (const [key, label] of groups) {
    for (const e of a[key] ?? []) lines.push(`  ${label} ${JSON.stringify(e.value)} ×${e.count} → ${e.became}`);
  }
  for (const e of a.skipped ?? []) lines.push(`  skipped ${e.item}: ${e.reason}`);
  for (const e of a.unresolved ?? []) lines.push(`  unresolved ${e.kind} ${e.from} → ${e.to} (not in these files)`);
  for (const e of a.truncated ?? []) lines.push(`  cut to length: ${e.externalKey} ${e.field}`);
  return lines;
}

/** @param {string} root @param {string[]} candidates */
function firstExisting(root, candidates) {
  for (const c of candidates) if (fs.existsSync(path.join(root, c))) return path.join(root, c);
  throw new CliError(`none of ${candidates.join(", ")} under ${root}`);
}

/** @param {string} dir @param {string} sub */
function listMarkdown(dir, sub) {
  const d = path.join(dir, sub);
  if (!fs.existsSync(d)) return [];
  return fs
    .readdirSync(d)
    .filter((n) => n.endsWith(".md"))
    .sort()
    .map((n) => `${sub}/${n}`);
}

/** @param {string} file @param {string} name */
function readOne(file, name) {
  const size = fs.statSync(file).size;
  if (size > FILE_MAX_BYTES) throw new CliError(`${file} is ${size} bytes; the limit is ${FILE_MAX_BYTES}`);
  return { path: name, text: fs.readFileSync(file, "utf8") };
}

/** "2.json" before "10.json". @param {string} a @param {string} b */
function byNumber(a, b) {
  return a.localeCompare(b, "en", { numeric: true });
}
