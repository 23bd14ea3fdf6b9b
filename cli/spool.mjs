// Keeps transcript chunks on disk while the hub is unreachable, so the next hook call sends them first.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { writePrivate } from "./transcript.mjs";

/** Past this the spool stops growing; the transcripts themselves still hold the lines (their offsets stay put). */
export const SPOOL_MAX_BYTES = 200 * 1024 * 1024;

/** @param {string} state */
export function spoolDir(state) {
  return path.join(state, "spool");
}

/**
 * Oldest first, so the hub receives lines in the order they were written.
 * @param {string} state
 * @returns {string[]} absolute paths
 */
export function listSpool(state) {
  const dir = spoolDir(state);
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".ndjson"))
    .sort()
    .map((n) => path.join(dir, n));
}

/**
 * @param {string} state
 * @param {string} body NDJSON
 * @returns {boolean} false when the spool is full or the disk refused, so the caller keeps its offset instead
 */
export function writeSpool(state, body) {
  try {
    let used = 0;
    for (const file of listSpool(state)) {
      try {
        used += fs.statSync(file).size;
      } catch {
        // Sent and removed by a concurrent hook meanwhile.
      }
    }
    if (used + Buffer.byteLength(body) > SPOOL_MAX_BYTES) return false;
    // Zero-padded time first so a plain sort is chronological.
    const name = `${String(Date.now()).padStart(15, "0")}-${process.pid}-${crypto.randomBytes(4).toString("hex")}.ndjson`;
    writePrivate(state, path.join(spoolDir(state), name), body);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends spooled chunks oldest first and removes each once the hub took it. Stops at the first failure the hub
 * might get over (unreachable, 5xx, bad token), keeping that chunk and every later one in order; drops a chunk the
 * hub rejects as such (other 4xx), since resending it can never succeed.
 * @param {string} state
 * @param {(body: string) => Promise<unknown>} send
 * @returns {Promise<{ sent: number, blocked: boolean, error?: unknown }>}
 */
export async function flushSpool(state, send) {
  let sent = 0;
  for (const file of listSpool(state)) {
    let body;
    try {
      body = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    try {
      await send(body);
      sent++;
    } catch (err) {
      const e = /** @type {any} */ (err);
      if (e?.retryable || e?.auth || !("retryable" in (e ?? {}))) return { sent, blocked: true, error: err };
    }
    try {
      fs.unlinkSync(file);
    } catch {
      // Another hook sent it too; the hub dedupes by line uuid.
    }
  }
  return { sent, blocked: false };
}
