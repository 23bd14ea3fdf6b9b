// Where the CLI finds the hub and its token (flags win over TASKHUB_URL / TASKHUB_TOKEN), and where it keeps state.
import os from "node:os";
import path from "node:path";

/** A mistake in how the command was called: the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

/** A failure worth one clear line on stderr and exit 1 (no stack trace: the user did nothing wrong in code). */
export class CliError extends Error {}

/**
 * @typedef {{ url: string, token: string }} HubConfig
 */

/**
 * @param {{ url?: string, token?: string }} flags
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {HubConfig}
 */
export function resolveConfig(flags, env = process.env) {
  const url = normalizeUrl(flags.url ?? env.TASKHUB_URL ?? "", env.TASKHUB_ALLOW_HTTP === "1");
  const token = (flags.token ?? env.TASKHUB_TOKEN ?? "").trim();
  return { url, token };
}

/**
 * Trailing slashes are dropped so that `${url}/hooks/claude` never doubles them, which would also make
 * `taskhub init` see a changed hook where nothing changed.
 * Plain http:// only reaches this machine unless allowHttp: elsewhere the token would cross the network in clear.
 * @param {string} raw
 * @param {boolean} [allowHttp]
 */
export function normalizeUrl(raw, allowHttp = false) {
  const trimmed = raw.trim();
  if (!trimmed) return "";
  let parsed;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new UsageError(`not a URL: ${trimmed}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UsageError(`the hub URL must be http:// or https://, got ${trimmed}`);
  }
  if (parsed.protocol === "http:" && !allowHttp && !isLoopback(parsed.hostname)) {
    throw new UsageError(`${trimmed} is plain http:// to another machine, which would send the token in clear: use https://, or set TASKHUB_ALLOW_HTTP=1 if you mean it`);
  }
  if (parsed.username || parsed.password) {
    // Credentials in the URL would end up in settings.json, which projects commit.
    throw new UsageError("put the token in TASKHUB_TOKEN, not in the URL");
  }
  return trimmed.replace(/\/+$/, "");
}

/** @param {string} host a URL's hostname (IPv6 in brackets) */
export function isLoopback(host) {
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** @param {HubConfig} cfg */
export function requireUrl(cfg) {
  if (!cfg.url) throw new UsageError("no hub URL: set TASKHUB_URL or pass --url");
  return cfg.url;
}

/** @param {HubConfig} cfg */
export function requireToken(cfg) {
  if (!cfg.token) throw new UsageError("no token: set TASKHUB_TOKEN or pass --token");
  return cfg.token;
}

/**
 * TASKHUB_STATE_DIR first so tests and unusual setups can isolate it; otherwise the XDG state dir,
 * because offsets and the spool are machine-local state, not configuration.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function stateDir(env = process.env) {
  if (env.TASKHUB_STATE_DIR) return path.resolve(env.TASKHUB_STATE_DIR);
  const base = env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), ".local", "state");
  return path.join(base, "taskhub");
}

/** @param {NodeJS.ProcessEnv} [env] */
export function homeDir(env = process.env) {
  return env.HOME || os.homedir();
}
