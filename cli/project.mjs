// `taskhub export` and `taskhub import-project`: a project's tasks as NDJSON, out of and into the hub.
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CliError, UsageError } from "./config.mjs";
import { hubFetch, hubJson } from "./http.mjs";

/**
 * Streams, so a large project never sits in memory.
 * @param {{ cfg: import("./config.mjs").HubConfig, project: string, out?: string, stdout: NodeJS.WritableStream }} opts
 */
export async function exportProject({ cfg, project, out, stdout }) {
  if (!project?.trim()) throw new UsageError("export needs --project KEY");
  const res = await hubFetch(cfg, `/api/export?project=${encodeURIComponent(project.trim())}`, {
    timeoutMs: 30_000,
    stream: true,
  });
  if (!res.body) return;
  const sink = out ? fs.createWriteStream(out) : stdout;
  await pipeline(Readable.fromWeb(/** @type {any} */ (res.body)), sink, { end: Boolean(out) });
}

/**
 * @param {{ cfg: import("./config.mjs").HubConfig, file: string, stdin: NodeJS.ReadableStream }} opts
 * @returns {Promise<unknown>} the hub's answer
 */
export async function importProject({ cfg, file, stdin }) {
  if (!file) throw new UsageError("import-project needs a FILE (or - for stdin)");
  let body;
  try {
    body = file === "-" ? await readAll(stdin) : fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${/** @type {any} */ (err)?.message}`);
  }
  return hubJson(cfg, "/api/import", { method: "POST", body, contentType: "application/x-ndjson", timeoutMs: 120_000 });
}

/** @param {NodeJS.ReadableStream} stream */
async function readAll(stream) {
  /** @type {Buffer[]} */
  const parts = [];
  for await (const part of stream) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part));
  return Buffer.concat(parts);
}
