// The shape every tracker import takes (beads, Task Master, Backlog.md, Claude's task list) and its accounting.
import { DESCRIPTION_MAX, TITLE_MAX, type Priority, type TaskStatus } from "../tasks";

export interface TrackerLink {
  kind: string;
  targetExternalKey: string;
}

export interface TrackerComment {
  author?: string;
  body: string;
  at?: string;
}

export interface TrackerTask {
  /** `<tracker>:<id>` (beads:skyhook-gld, taskmaster:master:5.2, backlog:task-42, claude:<list>:3). */
  externalKey: string;
  title: string;
  description: string;
  status: TaskStatus;
  priority: Priority;
  tags: string[];
  assignee?: string;
  dueAt?: string;
  estimatedMinutes?: number;
  createdAt?: string;
  updatedAt?: string;
  completedAt?: string;
  parentExternalKey?: string;
  dependsOn: string[];
  links: TrackerLink[];
  comments: TrackerComment[];
  /** The source's own fields we do not model, under the tracker's name (`{ beads: {...} }`), so an export can put them back. */
  metadata: Record<string, unknown>;
}

/** One source value (a status, priority, type or link kind), how often it was seen, and what it became. */
export interface AccountingEntry {
  value: string;
  count: number;
  became: string;
}

export interface TrackerAccounting {
  statuses: AccountingEntry[];
  priorities: AccountingEntry[];
  types: AccountingEntry[];
  linkKinds: AccountingEntry[];
  /** Items not imported: deleted issues, unreadable lines, entries without an id. */
  skipped: { item: string; reason: string }[];
  /** Edges whose target is not in this import (it may already be in the project, or archived in the tracker). */
  unresolved: { from: string; to: string; kind: string }[];
  /** Text cut to our limits. */
  truncated: { externalKey: string; field: string }[];
}

export interface TrackerImport {
  tasks: TrackerTask[];
  accounting: TrackerAccounting;
}

/** A whole input we cannot read at all (not JSON, too large): nothing is imported. */
export class TrackerInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrackerInputError";
  }
}

/** Untrusted input is cut to these before any parsing or pattern runs on it. */
export const FILE_MAX = 20_000_000;
export const TEXT_MAX = 100_000; // long text kept in metadata (plans, notes, details)
export const ID_MAX = 200;
export const TAG_MAX = 50;
export const TAGS_MAX = 20;
export const COMMENTS_MAX = 500;
export const EDGES_MAX = 500;
export { DESCRIPTION_MAX, TITLE_MAX };

export function checkSize(text: string, what: string): void {
  if (text.length > FILE_MAX) throw new TrackerInputError(`${what} is ${text.length} characters; the limit is ${FILE_MAX}`);
}

/** Collects what happened to every source value while a tracker is read. */
export class Accountant {
  private readonly tallies = { statuses: new Map(), priorities: new Map(), types: new Map(), linkKinds: new Map() } as Record<
    "statuses" | "priorities" | "types" | "linkKinds",
    Map<string, AccountingEntry>
  >;
  readonly skipped: TrackerAccounting["skipped"] = [];
  readonly unresolved: TrackerAccounting["unresolved"] = [];
  readonly truncated: TrackerAccounting["truncated"] = [];

  count(kind: "statuses" | "priorities" | "types" | "linkKinds", value: string, became: string): void {
    const tally = this.tallies[kind];
    const entry = tally.get(value);
    if (entry) entry.count++;
    else tally.set(value, { value, count: 1, became });
  }

  skip(item: string, reason: string): void {
    this.skipped.push({ item, reason });
  }

  /** The text capped at `max`, noting the cut against the task. */
  text(value: unknown, max: number, externalKey: string, field: string): string {
    const s = typeof value === "string" ? value : value == null ? "" : String(value);
    if (s.length <= max) return s;
    this.truncated.push({ externalKey, field });
    return s.slice(0, max);
  }

  /** Records edges whose target is not among the imported tasks. */
  resolve(tasks: TrackerTask[]): void {
    const known = new Set(tasks.map((t) => t.externalKey));
    for (const t of tasks) {
      if (t.parentExternalKey && !known.has(t.parentExternalKey)) this.unresolved.push({ from: t.externalKey, to: t.parentExternalKey, kind: "parent" });
      for (const d of t.dependsOn) if (!known.has(d)) this.unresolved.push({ from: t.externalKey, to: d, kind: "dependency" });
      for (const l of t.links) if (!known.has(l.targetExternalKey)) this.unresolved.push({ from: t.externalKey, to: l.targetExternalKey, kind: l.kind });
    }
  }

  result(tasks: TrackerTask[]): TrackerImport {
    this.resolve(tasks);
    const list = (k: keyof typeof this.tallies) => [...this.tallies[k].values()];
    return {
      tasks,
      accounting: {
        statuses: list("statuses"),
        priorities: list("priorities"),
        types: list("types"),
        linkKinds: list("linkKinds"),
        skipped: this.skipped,
        unresolved: this.unresolved,
        truncated: this.truncated,
      },
    };
  }
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO-8601 timestamp as UTC (`…Z`), or undefined when it is not one (the source's own text stays in
 * metadata). A time without a zone is read as UTC, never as the machine's local time.
 */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 64) return undefined;
  const m = ISO_TIME.exec(value.trim());
  if (!m) return undefined;
  const ms = Date.parse(m[2] ? `${m[1]}T${m[2]}${m[3] ?? "Z"}` : m[1]);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The source's raw value when it still says what the model says, else the model's (the task changed since import). */
export function keepIfSame<T>(raw: unknown, now: T | undefined, read: (raw: unknown) => T | undefined, written: unknown = now): unknown {
  return raw !== undefined && read(raw) === now ? raw : written;
}

export function uniqueTags(tags: Iterable<unknown>, acct: Accountant, externalKey: string): string[] {
  const out: string[] = [];
  for (const t of tags) {
    if (typeof t !== "string") continue;
    const tag = t.trim().slice(0, TAG_MAX);
    if (tag && !out.includes(tag)) {
      if (out.length === TAGS_MAX) {
        acct.truncated.push({ externalKey, field: "tags" });
        break;
      }
      out.push(tag);
    }
  }
  return out;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Fields of `source` not in `modelled`, for metadata: strings capped, nesting bounded. */
export function rest(source: Record<string, unknown>, modelled: readonly string[], acct: Accountant, externalKey: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) if (!modelled.includes(k)) out[k] = capDeep(v, METADATA_DEPTH, () => acct.truncated.push({ externalKey, field: `metadata.${k}` }));
  return out;
}

const METADATA_DEPTH = 8;

function capDeep(v: unknown, depth: number, cut: () => void): unknown {
  if (typeof v === "string") {
    if (v.length <= TEXT_MAX) return v;
    cut();
    return v.slice(0, TEXT_MAX);
  }
  if (typeof v !== "object" || v === null) return v;
  if (depth === 0) {
    cut();
    return null;
  }
  if (Array.isArray(v)) return v.map((x) => capDeep(x, depth - 1, cut));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, capDeep(x, depth - 1, cut)]));
}

export function sourceMeta(task: TrackerTask, tracker: string): Record<string, unknown> {
  const m = task.metadata[tracker];
  return isRecord(m) ? m : {};
}
