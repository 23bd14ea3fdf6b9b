// Talks to the hub: fetch with a deadline, bearer auth, and errors that are safe to print (never the token).

/** @typedef {import("./config.mjs").HubConfig} HubConfig */

export class HubError extends Error {
  /**
   * @param {string} message
   * @param {{ kind: "network" | "timeout" | "http", status?: number, code?: string, requestId?: string, details?: unknown, hubMessage?: string }} info
   */
  constructor(message, info) {
    super(message);
    this.kind = info.kind;
    this.status = info.status ?? 0;
    this.code = info.code ?? "";
    this.requestId = info.requestId ?? "";
    /** The error's `details` as the hub sent them (a cycle's path, a schema's issues), for commands that explain them. */
    this.details = info.details ?? null;
    /** The hub's own message, without the status line around it. */
    this.hubMessage = info.hubMessage ?? "";
  }

  /** Worth trying again later (or spooling for later): the hub may answer differently next time. */
  get retryable() {
    if (this.kind !== "http") return true;
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }

  /** The token is missing, wrong or lacks a scope: fixing configuration makes a retry succeed. */
  get auth() {
    return this.kind === "http" && (this.status === 401 || this.status === 403);
  }
}

/**
 * @param {HubConfig} cfg
 * @param {string} pathAndQuery starts with "/"
 * @param {{ method?: string, body?: string | Buffer, contentType?: string, timeoutMs?: number, stream?: boolean, headers?: Record<string, string> }} [opts]
 *   stream: the timeout stops once headers arrive, so a long export is not cut off mid-body.
 * @returns {Promise<Response>}
 */
export async function hubFetch(cfg, pathAndQuery, opts = {}) {
  const { method = "GET", body, contentType, timeoutMs = 15_000, stream = false } = opts;
  /** @type {Record<string, string>} */
  const headers = { ...opts.headers, accept: "application/json" };
  if (cfg.token) headers.authorization = `Bearer ${cfg.token}`;
  if (contentType) headers["content-type"] = contentType;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  // An unref'd timer cannot keep a finished CLI alive.
  timer.unref?.();
  let res;
  try {
    res = await fetch(cfg.url + pathAndQuery, { method, headers, body: /** @type {RequestInit["body"]} */ (body), signal: controller.signal });
  } catch (err) {
    clearTimeout(timer);
    throw toNetworkError(err, cfg.url, controller.signal.aborted, timeoutMs);
  }
  if (!res.ok) {
    let text = "";
    try {
      text = await res.text();
    } catch {
      // The status alone still says enough.
    }
    clearTimeout(timer);
    throw errorFromResponse(res.status, res.statusText, text);
  }
  if (stream) {
    clearTimeout(timer);
    return res;
  }
  // Buffer the body inside the deadline so a hub that stalls mid-answer still times out.
  try {
    const buf = Buffer.from(await res.arrayBuffer());
    return new Response(buf, { status: res.status, headers: res.headers });
  } catch (err) {
    throw toNetworkError(err, cfg.url, controller.signal.aborted, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * @param {HubConfig} cfg
 * @param {string} pathAndQuery
 * @param {Parameters<typeof hubFetch>[2]} [opts]
 * @returns {Promise<any>}
 */
export async function hubJson(cfg, pathAndQuery, opts) {
  const res = await hubFetch(cfg, pathAndQuery, opts);
  const text = await res.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HubError(`the hub answered ${res.status} with a body that is not JSON`, { kind: "http", status: res.status });
  }
}

/**
 * @param {unknown} err
 * @param {string} url
 * @param {boolean} aborted
 * @param {number} timeoutMs
 */
function toNetworkError(err, url, aborted, timeoutMs) {
  if (aborted) return new HubError(`the hub at ${url} did not answer within ${timeoutMs} ms`, { kind: "timeout" });
  const cause = /** @type {any} */ (err)?.cause;
  const detail = cause?.code || cause?.message || /** @type {any} */ (err)?.message || String(err);
  return new HubError(`cannot reach the hub at ${url} (${detail})`, { kind: "network" });
}

/**
 * The hub's errors are `{ code, message, details, timestamp, requestId }`; anything else (a proxy's HTML page)
 * is reduced to its status line.
 * @param {number} status
 * @param {string} statusText
 * @param {string} text
 */
export function errorFromResponse(status, statusText, text) {
  /** @type {any} */
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const code = typeof parsed?.code === "string" ? parsed.code : "";
  const message = typeof parsed?.message === "string" ? parsed.message : "";
  const requestId = typeof parsed?.requestId === "string" ? parsed.requestId : "";
  let line = `the hub answered ${status} ${statusText || ""}`.trimEnd();
  if (code || message) line += `: ${[code, message].filter(Boolean).join(": ")}`;
  if (requestId) line += ` (request ${requestId})`;
  if (status === 401) line += ". Check TASKHUB_TOKEN (or --token).";
  if (status === 403) line += ". The token lacks the scope this needs.";
  return new HubError(line, { kind: "http", status, code, requestId, details: parsed?.details, hubMessage: message });
}
