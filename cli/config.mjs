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
  const url = normalizeUrl(flags.url ?? env.TASKHUB_URL ?? "");
  const token = (flags.token ?? env.TASKHUB_TOKEN ?? "").trim();
  return { url, token };
}

/**
 * Trailing slashes are dropped so that `${url}/hooks/claude` never doubles them, which would also make
 * `taskhub init` see a changed hook where nothing changed.
 * @param {string} raw
 */
export function normalizeUrl(raw) {
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
  if (parsed.username || parsed.password) {
    // Credentials in the URL would end up in settings.json, which projects commit.
    throw new UsageError("put the token in TASKHUB_TOKEN, not in the URL");
  }
  return trimmed.replace(/\/+$/, "");
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
