// `taskhub import [dir]`: backfills every *.jsonl transcript under a directory, resumably, with progress on stderr.
import fs from "node:fs";
import path from "node:path";
import { CliError } from "./config.mjs";
import { HubError } from "./http.mjs";
import { flushSpool, listSpool } from "./spool.mjs";
import { CHUNK_BYTES, postLines, readChunks, readOffset, writeOffset } from "./transcript.mjs";

const POST_TIMEOUT_MS = 60_000;
const RETRY_DELAYS_MS = [1000, 3000, 10_000];

/**
 * @param {{ cfg: import("./config.mjs").HubConfig, state: string, dir: string, stderr: NodeJS.WriteStream,
 *   chunkBytes?: number, sleep?: (ms: number) => Promise<void> }} opts
 */
export async function runImport({ cfg, state, dir, stderr, chunkBytes = CHUNK_BYTES, sleep = delay }) {
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new CliError(`no such directory: ${root}`);
  const files = findTranscripts(root).map((file) => {
    const size = fs.statSync(file).size;
    const offset = readOffset(state, file);
    return { file, size, offset: offset > size ? 0 : offset };
  });
  // What hooks spooled while the hub was away goes first, so `taskhub import` also drains a stuck spool.
  if (listSpool(state).length) {
    const { blocked, error } = await flushSpool(state, (body) => postLines(cfg, body, POST_TIMEOUT_MS));
    if (blocked) throw new CliError(`${/** @type {any} */ (error)?.message ?? error}\nRun taskhub import again to resume where it stopped.`);
  }
  const totals = { files: files.length, bytes: files.reduce((n, f) => n + f.size, 0) };
  const progress = makeProgress(stderr, totals);
  const sum = { files: 0, bytes: files.reduce((n, f) => n + f.offset, 0), lines: 0, accepted: 0, duplicates: 0, badLines: 0, skipped: 0 };
  progress(sum);

  for (const { file, offset } of files) {
    for (const chunk of readChunks(file, offset, { chunkBytes })) {
      if (chunk.body) {
        const res = await postWithRetry(() => postLines(cfg, chunk.body, POST_TIMEOUT_MS), sleep, (msg) => progress.note(msg));
        sum.accepted += res.accepted;
        sum.duplicates += res.duplicates;
        sum.badLines += res.badLines;
        sum.lines += chunk.lines;
      }
      sum.skipped += chunk.skipped;
      writeOffset(state, file, chunk.end);
      sum.bytes += chunk.end - chunk.start;
      progress(sum);
    }
    sum.files++;
    progress(sum);
  }
  progress.done(sum);
  return sum;
}

/**
 * Recursive, without following directory symlinks (a link back up would never end).
 * @param {string} root
 * @returns {string[]}
 */
export function findTranscripts(root) {
  /** @type {string[]} */
  const found = [];
  const walk = (/** @type {string} */ dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if ((e.isFile() || e.isSymbolicLink()) && e.name.endsWith(".jsonl")) {
        try {
          if (fs.statSync(full).isFile()) found.push(full);
        } catch {
          // A dangling link.
        }
      }
    }
  };
  walk(root);
  return found.sort();
}

/**
 * Transient failures get a few tries; a wrong token or a refused body stops the import at once (the offsets
 * saved so far let the next run pick up here).
 * @template T
 * @param {() => Promise<T>} fn
 * @param {(ms: number) => Promise<void>} sleep
 * @param {(msg: string) => void} note
 * @returns {Promise<T>}
 */
async function postWithRetry(fn, sleep, note) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof HubError) || !err.retryable || attempt >= RETRY_DELAYS_MS.length) {
        throw new CliError(`${/** @type {any} */ (err)?.message ?? err}\nRun taskhub import again to resume where it stopped.`);
      }
      note(`${err.message}; retrying`);
      await sleep(RETRY_DELAYS_MS[attempt]);
    }
  }
}

/** @param {number} ms */
function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A redrawn bar on a terminal; on a pipe, a line every few seconds, so logs stay readable.
 * @param {NodeJS.WriteStream} stderr
 * @param {{ files: number, bytes: number }} totals
 */
function makeProgress(stderr, totals) {
  const tty = Boolean(stderr.isTTY);
  let last = 0;
  let drawn = false;
  const line = (/** @type {{ files: number, bytes: number }} */ s) => {
    const frac = totals.bytes ? Math.min(1, s.bytes / totals.bytes) : 1;
    const width = 24;
    const fill = Math.round(frac * width);
    return `[${"#".repeat(fill)}${"-".repeat(width - fill)}] ${s.files}/${totals.files} files  ${mb(s.bytes)}/${mb(totals.bytes)}`;
  };
  /** @param {{ files: number, bytes: number }} s */
  const progress = (s) => {
    const now = Date.now();
    if (now - last < (tty ? 100 : 5000)) return;
    last = now;
    if (tty) {
      stderr.write(`\r${line(s)}\x1b[K`);
      drawn = true;
    } else stderr.write(`${line(s)}\n`);
  };
  /** @param {string} msg */
  progress.note = (msg) => {
    stderr.write(`${drawn ? "\n" : ""}${msg}\n`);
    drawn = false;
  };
  /** @param {{ files: number, bytes: number, lines: number, accepted: number, duplicates: number, badLines: number, skipped: number }} s */
  progress.done = (s) => {
    stderr.write(`${tty ? "\r" : ""}${line(s)}${tty ? "\x1b[K" : ""}\n`);
    const skipped = s.skipped ? `, ${s.skipped} lines over 24 MB skipped` : "";
    stderr.write(`sent ${s.lines} lines: ${s.accepted} new, ${s.duplicates} already there, ${s.badLines} bad${skipped}\n`);
  };
  return progress;
}

/** @param {number} n */
function mb(n) {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
