// `taskhub export` and `taskhub import-project`: a project's tasks as NDJSON, out of and into the hub.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CliError, UsageError } from "./config.mjs";
import { hubFetch, hubJson } from "./http.mjs";

export const EXPORT_FORMATS = ["ndjson", "beads", "taskmaster", "backlog"];

/**
 * Streams, so a large project never sits in memory. beads (.beads/issues.jsonl) and taskmaster (tasks.json) go to
 * FILE or stdout like NDJSON; backlog is a folder of files, written under --out DIR.
 * @param {{ cfg: import("./config.mjs").HubConfig, project: string, out?: string, format?: string, stdout: NodeJS.WritableStream }} opts
 */
export async function exportProject({ cfg, project, out, format = "ndjson", stdout }) {
  if (!project?.trim()) throw new UsageError("export needs --project KEY");
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}`);
  const query = `/api/export?project=${encodeURIComponent(project.trim())}${format === "ndjson" ? "" : `&format=${format}`}`;
  if (format === "backlog") return writeBacklog(cfg, query, out);
  const res = await hubFetch(cfg, query, {
    timeoutMs: 30_000,
    stream: true,
  });
  if (!res.body) return;
  const sink = out ? fs.createWriteStream(out) : stdout;
  await pipeline(Readable.fromWeb(/** @type {any} */ (res.body)), sink, { end: Boolean(out) });
}

/**
 * Backlog.md keeps one file per task: each goes under DIR, and a path that would leave DIR is refused.
 * @param {import("./config.mjs").HubConfig} cfg @param {string} query @param {string | undefined} dir
 */
async function writeBacklog(cfg, query, dir) {
  if (!dir) throw new UsageError("export --format backlog needs --out DIR (the backlog folder to write)");
  const root = path.resolve(dir);
  const { files } = /** @type {{ files: { path: string, text: string }[] }} */ (await hubJson(cfg, query, { timeoutMs: 30_000 }));
  const placed = files.map((f) => {
    const to = path.resolve(root, f.path);
    if (!to.startsWith(root + path.sep)) throw new CliError(`the hub sent a file outside ${root}: ${f.path}`);
    return { to, text: f.text };
  });
  for (const f of placed) {
    fs.mkdirSync(path.dirname(f.to), { recursive: true });
    fs.writeFileSync(f.to, f.text);
  }
}

const CLAIMS = ["refuse", "move", "drop"];

/**
 * @param {{ cfg: import("./config.mjs").HubConfig, file: string, stdin: NodeJS.ReadableStream, as?: string, claims?: string }} opts
 * @returns {Promise<unknown>} the hub's answer
 */
export async function importProject({ cfg, file, stdin, as, claims }) {
  if (!file) throw new UsageError("import-project needs a FILE (or - for stdin)");
  if (claims !== undefined && !CLAIMS.includes(claims)) throw new UsageError(`--claims is one of ${CLAIMS.join(", ")}`);
  const query = new URLSearchParams();
  if (as) query.set("project", as);
  if (claims) query.set("claims", claims);
  let body;
  try {
    body = file === "-" ? await readAll(stdin) : fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${/** @type {any} */ (err)?.message}`);
  }
  return hubJson(cfg, `/api/import${query.size ? `?${query}` : ""}`, { method: "POST", body, contentType: "application/x-ndjson", timeoutMs: 120_000 });
}

/** @param {NodeJS.ReadableStream} stream */
async function readAll(stream) {
  /** @type {Buffer[]} */
  const parts = [];
  for await (const part of stream) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part));
  return Buffer.concat(parts);
}
