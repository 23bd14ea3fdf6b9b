// Reads transcripts in whole-line chunks from a remembered byte offset; hook and import share the offsets, so neither re-sends the other's lines.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hubJson } from "./http.mjs";

/** The shared Claude Code task list a post belongs to (the hub's src/http/task-list.ts). */
export const TASK_LIST_HEADER = "x-taskhub-task-list";

/**
 * The header naming the session's shared task list, when it has one.
 * @param {string | undefined} taskList @returns {Record<string, string>}
 */
export const taskListHeaders = (taskList) => (taskList ? { [TASK_LIST_HEADER]: taskList } : {});

/** Well under the hub's 25 MB body limit, and small enough that one slow chunk does not stall a hook. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** A single line bigger than this could not fit one request to the hub, so it is skipped. */
export const MAX_LINE_BYTES = 24 * 1024 * 1024;

/**
 * @typedef {{ start: number, end: number, body: string, lines: number, skipped: number }} Chunk
 *   body: NDJSON of the non-blank lines in [start, end), "" when there is nothing to send.
 */

/** @param {string} state @param {string} file */
function offsetFile(state, file) {
  const key = crypto.createHash("sha256").update(path.resolve(file)).digest("hex").slice(0, 32);
  return path.join(state, "offsets", `${key}.json`);
}

/**
 * @param {string} state
 * @param {string} file
 * @returns {number}
 */
export function readOffset(state, file) {
  try {
    const saved = JSON.parse(fs.readFileSync(offsetFile(state, file), "utf8"));
    return Number.isSafeInteger(saved.offset) && saved.offset >= 0 ? saved.offset : 0;
  } catch {
    return 0;
  }
}

/**
 * Written by rename so a hook killed by its deadline never leaves half a file behind.
 * @param {string} state
 * @param {string} file
 * @param {number} offset
 */
export function writeOffset(state, file, offset) {
  const target = offsetFile(state, file);
  writePrivate(state, target, JSON.stringify({ path: path.resolve(file), offset }) + "\n");
}

/** Owner-only: the state folder names every transcript and the spool holds what sessions said. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Writes a state file atomically, readable by its owner alone; folders made by an older CLI are closed too.
 * @param {string} state the state root
 * @param {string} target a file below it
 * @param {string} data
 */
export function writePrivate(state, target, data) {
  for (const dir of [state, path.dirname(target)]) {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    fs.chmodSync(dir, PRIVATE_DIR_MODE);
  }
  writeAtomic(target, data, PRIVATE_FILE_MODE);
}

/** @param {string} target @param {string} data @param {number} [mode] of a new file, before the umask */
export function writeAtomic(target, data, mode = 0o666) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, data, { mode });
  fs.renameSync(tmp, target);
}

/**
 * Yields the lines after `start` in chunks of whole lines. A last line without its newline is taken only when
 * it parses as JSON: Claude Code writes whole lines, so one that does not parse is still being written.
 * @param {string} file
 * @param {number} start
 * @param {{ chunkBytes?: number, maxLineBytes?: number }} [opts]
 * @returns {Generator<Chunk>}
 */
export function* readChunks(file, start, opts = {}) {
  const chunkBytes = Math.max(1, opts.chunkBytes ?? CHUNK_BYTES);
  const maxLine = Math.max(chunkBytes, opts.maxLineBytes ?? MAX_LINE_BYTES);
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    // A file shorter than what was sent was replaced or truncated: its lines are new, start over.
    let pos = start > size ? 0 : start;
    while (pos < size) {
      let buf = readAt(fd, pos, Math.min(chunkBytes, size - pos));
      let cut = buf.lastIndexOf(10);
      while (cut === -1 && pos + buf.length < size && buf.length < maxLine) {
        buf = readAt(fd, pos, Math.min(buf.length * 2, maxLine, size - pos));
        cut = buf.lastIndexOf(10);
      }
      const atEof = pos + buf.length >= size;
      if (cut === -1) {
        if (atEof) {
          if (isWholeJson(buf)) yield makeChunk(pos, size, buf);
          return;
        }
        const end = afterNextNewline(fd, pos + buf.length, size);
        yield { start: pos, end, body: "", lines: 0, skipped: 1 };
        pos = end;
        continue;
      }
      let end = pos + cut + 1;
      if (atEof && end < size && isWholeJson(buf.subarray(cut + 1))) end = size;
      yield makeChunk(pos, end, buf.subarray(0, end - pos));
      pos = end;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** @param {number} fd @param {number} pos @param {number} length */
function readAt(fd, pos, length) {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = fs.readSync(fd, buf, got, length - got, pos + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** @param {number} fd @param {number} pos @param {number} size */
function afterNextNewline(fd, pos, size) {
  while (pos < size) {
    const buf = readAt(fd, pos, Math.min(1024 * 1024, size - pos));
    const i = buf.indexOf(10);
    if (i !== -1) return pos + i + 1;
    pos += buf.length;
  }
  return size;
}

/** @param {Buffer} buf */
function isWholeJson(buf) {
  const text = buf.toString("utf8").trim();
  if (!text) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Blank lines are dropped so the hub never counts them as bad lines (they appear when a final line was taken
 * without its newline and the newline arrives later).
 * @param {number} start @param {number} end @param {Buffer} buf
 * @returns {Chunk}
 */
function makeChunk(start, end, buf) {
  const lines = buf
    .toString("utf8")
    .split("\n")
    .map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l))
    .filter((l) => l.trim() !== "");
  return { start, end, body: lines.length ? lines.join("\n") + "\n" : "", lines: lines.length, skipped: 0 };
}

/**
 * @param {import("./config.mjs").HubConfig} cfg
 * @param {string} body
 * @param {number} timeoutMs
 * @param {string} [taskList] the shared task list of the session (CLAUDE_CODE_TASK_LIST_ID), so Task-tool ids key by it
 * @returns {Promise<{ accepted: number, duplicates: number, badLines: number }>}
 */
export async function postLines(cfg, body, timeoutMs, taskList) {
  const res = await hubJson(cfg, "/transcripts", {
    method: "POST",
    body,
    contentType: "application/x-ndjson",
    timeoutMs,
    headers: taskListHeaders(taskList),
  });
  return {
    accepted: Number(res?.accepted) || 0,
    duplicates: Number(res?.duplicates) || 0,
    badLines: Number(res?.badLines) || 0,
  };
}
