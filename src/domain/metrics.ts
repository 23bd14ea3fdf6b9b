// Prometheus text exposition (format 0.0.4): metric families, escaped label values, cumulative histogram buckets with +Inf.

/** Request latency bounds in seconds: a Worker answers in milliseconds, a slow store call in seconds. */
export const REQUEST_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** Workflow run bounds in seconds: most runs end in seconds, a chase or a retried step in minutes or hours. */
export const RUN_SECONDS = [1, 5, 15, 60, 300, 900, 3600, 21600, 86400] as const;

export type Labels = Record<string, string>;

/** A row of counts the store keeps per histogram bucket: `bucket` is the index of the first bound the value fits under (bounds.length: over all). */
export interface BucketRow {
  labels: Labels;
  bucket: number;
  count: number;
  sum: number;
}

export type Family =
  | { name: string; help: string; type: "counter" | "gauge"; samples: { labels: Labels; value: number }[] }
  | { name: string; help: string; type: "histogram"; bounds: readonly number[]; rows: BucketRow[] };

/** The bucket a value falls in: the first bound it is at or under, else the overflow bucket (+Inf only). */
export function bucketIndex(bounds: readonly number[], value: number): number {
  const i = bounds.findIndex((b) => value <= b);
  return i === -1 ? bounds.length : i;
}

/** The minute a request is counted in, as the store keys it: `2026-12-01T15:04`. */
export const minuteOf = (at: Date) => at.toISOString().slice(0, 16);

/** The row key of the running totals older minutes fold into; it sorts after every minute, so `minute < x` never takes it. */
export const TOTAL_MINUTE = "total";

/** How long requests stay per minute before the roll-up folds them into the totals. */
export const KEEP_MINUTES_MS = 60 * 60_000;

/** Label values escape backslash, double quote and line feed, as the exposition format requires. */
export const escapeLabelValue = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** HELP text escapes backslash and line feed (quotes stay). */
const escapeHelp = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

/** Label names must match [a-zA-Z_][a-zA-Z0-9_]*; ours are written in code, so a bad one is a bug, not input. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  if (!pairs.length) return "";
  return `{${pairs
    .map(([k, v]) => {
      if (!LABEL_NAME.test(k)) throw new Error(`bad label name ${k}`);
      return `${k}="${escapeLabelValue(v)}"`;
    })
    .join(",")}}`;
}

const num = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? "+Inf" : n < 0 ? "-Inf" : "NaN");
const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

/** Folds bucket rows into one series per label set: per-bucket counts, then cumulative, ending in +Inf = the count. */
export function histogramLines(name: string, bounds: readonly number[], rows: BucketRow[]): string[] {
  const series = new Map<string, { labels: Labels; counts: number[]; sum: number }>();
  for (const r of rows) {
    const k = keyOf(r.labels);
    let s = series.get(k);
    if (!s) series.set(k, (s = { labels: r.labels, counts: new Array<number>(bounds.length + 1).fill(0), sum: 0 }));
    s.counts[Math.min(Math.max(r.bucket, 0), bounds.length)] += r.count;
    s.sum += r.sum;
  }
  const out: string[] = [];
  for (const s of series.values()) {
    let cumulative = 0;
    bounds.forEach((b, i) => {
      cumulative += s.counts[i];
      out.push(`${name}_bucket${labelText(s.labels, ["le", num(b)])} ${cumulative}`);
    });
    cumulative += s.counts[bounds.length];
    out.push(`${name}_bucket${labelText(s.labels, ["le", "+Inf"])} ${cumulative}`);
    out.push(`${name}_sum${labelText(s.labels)} ${num(s.sum)}`);
    out.push(`${name}_count${labelText(s.labels)} ${cumulative}`);
  }
  return out;
}

/** The whole scrape: each family's HELP and TYPE, then its samples; ends with a line feed. */
export function formatMetrics(families: Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    if (f.type === "histogram") lines.push(...histogramLines(f.name, f.bounds, f.rows));
    else for (const s of f.samples) lines.push(`${f.name}${labelText(s.labels)} ${num(s.value)}`);
  }
  return `${lines.join("\n")}\n`;
}

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** How long an isolate holds its request tallies before writing them: the most a scrape of another isolate lags by. */
export const TALLY_FLUSH_MS = 10_000;
/** Series an isolate holds at most before writing them anyway, so a burst across many routes stays bounded. */
export const TALLY_MAX_SERIES = 200;

/** Whether an isolate's tallies are due to be written: some held, and either old enough or too many. */
export const tallyDue = (series: number, heldSinceMs: number, nowMs: number) =>
  series > 0 && (series >= TALLY_MAX_SERIES || nowMs - heldSinceMs >= TALLY_FLUSH_MS);
