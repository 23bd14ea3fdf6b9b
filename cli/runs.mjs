// `taskhub runs`: the hub's latest deliveries and the workflow runs they started, over GET /api/runs (the same use case as /runs).
import { hubJson } from "./http.mjs";

/** @typedef {import("./config.mjs").HubConfig} HubConfig */
/**
 * @typedef {{ delivery: { id: string, source: string, event: string, status: string, error: string | null, receivedAt: string },
 *   runs: { workflow: string, eventId: string, status: string }[] }} RunRow
 */

/** The hub scans its latest 100 deliveries; pages of this many reach them all. */
const PAGE = 100;

/**
 * Every page of GET /api/runs under the filters; an unknown workflow, status or date is the hub's 400, printed as it says.
 * @param {HubConfig} cfg
 * @param {{ workflow?: string, status?: string, since?: string }} filter
 * @returns {Promise<RunRow[]>}
 */
export async function listRuns(cfg, filter) {
  /** @type {RunRow[]} */
  const rows = [];
  /** @type {string | null} */
  let cursor = null;
  const defined = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
  do {
    const page = await hubJson(cfg, `/api/runs?${new URLSearchParams({ ...defined, limit: String(PAGE), ...(cursor ? { cursor } : {}) })}`);
    rows.push(...page.runs);
    cursor = typeof page.nextCursor === "string" ? page.nextCursor : null;
  } while (cursor);
  return rows;
}

/**
 * One delivery per line: when, what came in, its status (and error), then each run as workflow/eventId [status].
 * @param {RunRow} row
 */
export function runLine({ delivery: d, runs }) {
  const shown = runs.map((r) => `${r.workflow}/${r.eventId} [${r.status}]`).join(", ");
  const error = d.error ? ` ${d.error.replace(/\s+/g, " ")}` : "";
  return `${d.receivedAt.slice(0, 16).replace("T", " ")} ${d.source} ${d.event} ${d.id} [${d.status}]${error}${shown ? ` → ${shown}` : ""}`;
}
