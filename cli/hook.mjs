// `taskhub hook`: the command hook Claude Code runs. It must never block or break a session: exit 0, quickly, silently.
import fs from "node:fs";
import { syncClaudeList } from "./claude-list.mjs";
import { hubJson } from "./http.mjs";
import { flushSpool, writeSpool } from "./spool.mjs";
import { postLines, readChunks, readOffset, taskListHeaders, writeOffset } from "./transcript.mjs";

/** Claude waits for SessionStart before the first prompt, so the context must come back within a second. */
export const CONTEXT_TIMEOUT_MS = 800;
/** Posting the event is best effort: the transcript carries the same facts and is resent until it lands. */
export const EVENT_TIMEOUT_MS = 1000;
/** The hard stop: whatever is in flight is abandoned (offsets only move after a chunk is safe, so nothing is lost). */
export const DEADLINE_MS = 1800;
/** Claude Code caps a hook's additionalContext; the hub promises far less, this is only a guard. */
const CONTEXT_CAP = 10_000;

/**
 * @param {{ cfg: import("./config.mjs").HubConfig, state: string, env: NodeJS.ProcessEnv, stdin: NodeJS.ReadableStream }} io
 * @returns {Promise<void>} resolves when done; the caller exits 0 either way
 */
export async function runHook({ cfg, state, env, stdin }) {
  const deadlineMs = positiveInt(env.TASKHUB_HOOK_DEADLINE_MS) ?? DEADLINE_MS;
  const deadlineAt = Date.now() + deadlineMs;
  // The backstop for anything that ignores its own timeout (a stdin that never closes, a stuck disk).
  setTimeout(() => process.exit(0), deadlineMs).unref();
  const debug = env.TASKHUB_DEBUG === "1";

  const raw = await readAll(stdin);
  /** @type {any} */
  let payload;
  try {
    payload = JSON.parse(raw);
  } catch {
    return;
  }
  if (!payload || typeof payload !== "object") return;
  // Without a hub or a token there is nobody to tell; the transcript offsets stay put, so nothing is lost.
  if (!cfg.url || !cfg.token) return;

  const event = String(payload.hook_event_name ?? "");
  // Claude Code hands its settings' env to command hooks: the list the session's Task tools write to.
  const taskList = env.CLAUDE_CODE_TASK_LIST_ID || "";
  if (event === "SessionStart") {
    const timeoutMs = Math.min(positiveInt(env.TASKHUB_CONTEXT_TIMEOUT_MS) ?? CONTEXT_TIMEOUT_MS, remaining(deadlineAt));
    const cwd = String(payload.cwd ?? "");
    await Promise.allSettled([
      printContext(cfg, cwd, timeoutMs, debug),
      // The hub's tasks into Claude's own list, so its TaskList shows them and its ids reach the same hub tasks.
      taskList && syncClaudeList({ cfg, env, cwd, list: taskList, timeoutMs: () => remaining(deadlineAt) }).catch((err) => note(debug, err)),
    ]);
    return;
  }

  await Promise.allSettled([
    postEvent(cfg, raw, taskList, Math.min(EVENT_TIMEOUT_MS, remaining(deadlineAt))).catch((err) => note(debug, err)),
    // A subagent's lines live in a file of their own (Claude Code 2.1+), named by SubagentStop.
    shipTranscript(cfg, state, payload.transcript_path, taskList, deadlineAt)
      .then(() => payload.agent_transcript_path && shipTranscript(cfg, state, payload.agent_transcript_path, taskList, deadlineAt))
      .catch((err) => note(debug, err)),
  ]);
}

/**
 * @param {import("./config.mjs").HubConfig} cfg
 * @param {string} cwd
 * @param {number} timeoutMs
 * @param {boolean} debug
 */
async function printContext(cfg, cwd, timeoutMs, debug) {
  if (!cwd) return;
  let context = "";
  try {
    const res = await hubJson(cfg, `/api/context?cwd=${encodeURIComponent(cwd)}`, { timeoutMs });
    if (typeof res?.additionalContext === "string") context = res.additionalContext;
  } catch (err) {
    note(debug, err);
    return;
  }
  if (!context.trim()) return;
  const out = { hookSpecificOutput: { hookEventName: "SessionStart", additionalContext: context.slice(0, CONTEXT_CAP) } };
  // Synchronous, so the caller's process.exit cannot cut the JSON short.
  fs.writeSync(1, JSON.stringify(out) + "\n");
}

/**
 * The raw bytes as Claude sent them, so the hub sees exactly what an HTTP hook would have sent.
 * @param {import("./config.mjs").HubConfig} cfg @param {string} raw @param {string} taskList @param {number} timeoutMs
 */
async function postEvent(cfg, raw, taskList, timeoutMs) {
  await hubJson(cfg, "/hooks/claude", { method: "POST", body: raw, contentType: "application/json", timeoutMs, headers: taskListHeaders(taskList) });
}

/**
 * Spool first, then the lines after the remembered offset. Once the hub fails, later chunks go straight to the
 * spool: they must queue behind the ones already waiting, and another attempt would only burn the deadline.
 * @param {import("./config.mjs").HubConfig} cfg
 * @param {string} state
 * @param {unknown} transcriptPath
 * @param {string} taskList
 * @param {number} deadlineAt
 */
async function shipTranscript(cfg, state, transcriptPath, taskList, deadlineAt) {
  const send = (/** @type {string} */ body) => postLines(cfg, body, remaining(deadlineAt), taskList);
  const { blocked } = await flushSpool(state, send);
  let hubDown = blocked;

  if (typeof transcriptPath !== "string" || !transcriptPath || !fs.existsSync(transcriptPath)) return;
  const offset = readOffset(state, transcriptPath);
  for (const chunk of readChunks(transcriptPath, offset)) {
    if (chunk.body && !hubDown) {
      try {
        await send(chunk.body);
      } catch (err) {
        const e = /** @type {any} */ (err);
        // A chunk the hub rejects as such can never succeed; skip it rather than block every later line.
        if (e?.retryable || e?.auth || !("retryable" in (e ?? {}))) hubDown = true;
      }
    }
    if (chunk.body && hubDown && !writeSpool(state, chunk.body)) return;
    writeOffset(state, transcriptPath, chunk.end);
  }
}

/** @param {NodeJS.ReadableStream} stream */
async function readAll(stream) {
  /** @type {Buffer[]} */
  const parts = [];
  for await (const part of stream) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part));
  return Buffer.concat(parts).toString("utf8");
}

/** @param {number} deadlineAt */
function remaining(deadlineAt) {
  // Leave a little room to write the offset after the last answer.
  return Math.max(50, deadlineAt - Date.now() - 150);
}

/** @param {string | undefined} v */
function positiveInt(v) {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * stderr only, and only on request: Claude Code shows a hook's stderr to the user in some modes.
 * @param {boolean} debug @param {unknown} err
 */
function note(debug, err) {
  if (debug) process.stderr.write(`taskhub hook: ${/** @type {any} */ (err)?.message ?? err}\n`);
}
