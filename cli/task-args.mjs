// The terminal commands' arguments: task keys, statuses, due dates, how many positionals; mistakes are usage errors (exit 2).
import { UsageError } from "./config.mjs";
import { OPEN_STATUSES, STATUSES } from "./format.mjs";

/**
 * `in-progress` and `in_progress` both work; `all` is every status, and no flag means the open ones.
 * @param {string | undefined} raw
 * @returns {string[] | null} null: every status
 */
export function statusesOf(raw) {
  if (raw === undefined) return [...OPEN_STATUSES];
  if (raw.trim() === "all") return null;
  const wanted = raw.split(",").map((s) => s.trim().toLowerCase().replace(/-/g, "_"));
  const bad = wanted.find((s) => !STATUSES.includes(s));
  if (bad !== undefined) throw new UsageError(`unknown status ${bad}: use ${STATUSES.join(", ")} (comma-separated), or all`);
  return wanted;
}

/** @param {string} raw */
export function keyOf(raw) {
  if (!/^[A-Za-z][A-Za-z0-9]{0,9}-\d{1,9}$/.test(raw.trim())) throw new UsageError(`not a task key: ${raw} (a key looks like HUB-12)`);
  return raw.trim().toUpperCase();
}

/**
 * A date is the end of that day where the user is; a full ISO date-time is taken as it is.
 * @param {string} raw
 */
export function dueAtOf(raw) {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (day) {
    const d = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59);
    if (d.getDate() !== Number(day[3])) throw new UsageError(`--due: no such day ${raw}`);
    return d.toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw.trim()) && !Number.isNaN(Date.parse(raw))) {
    return new Date(raw).toISOString();
  }
  throw new UsageError(`--due takes a date (2026-12-05) or a date-time with its offset (2026-12-05T17:00:00+01:00), got ${raw}`);
}

/** @param {string[]} args @param {number} min @param {number} max @param {string} shape */
export function arity(args, min, max, shape) {
  if (args.length < min) throw new UsageError(`missing argument: taskhub ${shape}`);
  if (args.length > max) throw new UsageError(`unexpected argument: ${args[max]}`);
}

/** @param {unknown} v */
export function str(v) {
  return typeof v === "string" ? v : undefined;
}
