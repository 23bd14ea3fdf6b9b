// The Prometheus text exposition, from plain values: escaping, families, cumulative histogram buckets and +Inf.
import { describe, expect, it } from "vitest";
import { bucketIndex, escapeLabelValue, formatMetrics, histogramLines, minuteOf, TALLY_FLUSH_MS, TALLY_MAX_SERIES, tallyDue } from "../../src/domain/metrics";
import { hubFamilies, type HubCounts } from "../../src/domain/hub-metrics";

describe("label values", () => {
  it("escape backslash, double quote and line feed", () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it("are written escaped inside a sample's braces", () => {
    const text = formatMetrics([{ name: "x_total", help: "x", type: "counter", samples: [{ labels: { project: 'say "hi"\nnow' }, value: 3 }] }]);
    expect(text).toContain('x_total{project="say \\"hi\\"\\nnow"} 3\n');
  });
});

describe("families", () => {
  it("each start with HELP and TYPE, and the scrape ends with a line feed", () => {
    const text = formatMetrics([{ name: "up", help: "line one\nline two", type: "gauge", samples: [{ labels: {}, value: 1 }] }]);
    expect(text).toBe("# HELP up line one\\nline two\n# TYPE up gauge\nup 1\n");
  });

  it("refuse a label name the format cannot carry", () => {
    expect(() => formatMetrics([{ name: "x", help: "x", type: "gauge", samples: [{ labels: { "bad-name": "v" }, value: 1 }] }])).toThrow(/bad label name/);
  });
});

describe("histograms", () => {
  it("put a value in the first bucket whose bound it is at or under, else the overflow bucket", () => {
    expect(bucketIndex([1, 5], 0.2)).toBe(0);
    expect(bucketIndex([1, 5], 1)).toBe(0);
    expect(bucketIndex([1, 5], 3)).toBe(1);
    expect(bucketIndex([1, 5], 9)).toBe(2);
  });

  it("count cumulatively, end in +Inf equal to the count, and sum the values", () => {
    const lines = histogramLines("d_seconds", [1, 5], [
      { labels: { route: "/a" }, bucket: 0, count: 2, sum: 1 },
      { labels: { route: "/a" }, bucket: 2, count: 1, sum: 9 },
      { labels: { route: "/a" }, bucket: 1, count: 3, sum: 6 },
    ]);
    expect(lines).toEqual([
      'd_seconds_bucket{route="/a",le="1"} 2',
      'd_seconds_bucket{route="/a",le="5"} 5',
      'd_seconds_bucket{route="/a",le="+Inf"} 6',
      'd_seconds_sum{route="/a"} 16',
      'd_seconds_count{route="/a"} 6',
    ]);
  });

  it("keep one series per label set, whatever order the rows come in", () => {
    const lines = histogramLines("d", [1], [
      { labels: { a: "1", b: "2" }, bucket: 0, count: 1, sum: 0.5 },
      { labels: { b: "2", a: "1" }, bucket: 0, count: 1, sum: 0.5 },
    ]);
    expect(lines.filter((l) => l.startsWith("d_count"))).toEqual(['d_count{a="1",b="2"} 2']);
  });
});

it("counts a request in its UTC minute", () => {
  expect(minuteOf(new Date("2026-12-01T15:04:59.999Z"))).toBe("2026-12-01T15:04");
});

describe("the hub's families", () => {
  const counts: HubCounts = {
    requests: [{ route: "/api/tasks/:key", method: "GET", status: 200, bucket: 0, count: 4, seconds: 0.01 }],
    deliveries: [{ source: "github", status: "processed", count: 2 }],
    runs: [
      { source: "github", event: "push", status: "processed", bucket: 1, count: 2, seconds: 6 },
      { source: "github", event: "star", status: "failed", bucket: 0, count: 1, seconds: 0.1 },
    ],
    emails: [{ kind: "assigned", status: "sent", count: 1 }],
    tasks: [{ projectKey: "WEB", status: "todo", count: 5 }],
    intents: [{ kind: "upsert", count: 7 }],
    truncated: [],
  };
  const text = formatMetrics(hubFamilies(counts, (ev) => (ev === "github/push.received" ? ["link-commits"] : [])));

  it("name each workflow a delivery's event started, with its outcome", () => {
    expect(text).toContain('taskhub_workflow_runs_total{workflow="link-commits",outcome="completed"} 2');
    expect(text).toContain('taskhub_workflow_run_duration_seconds_count{workflow="link-commits",outcome="completed"} 2');
  });

  it("leave out a delivery whose event starts no workflow", () => {
    expect(text).not.toContain('outcome="failed"');
  });

  it("show requests, deliveries, emails, tasks and intents by their labels", () => {
    expect(text).toContain('taskhub_http_requests_total{route="/api/tasks/:key",method="GET",status="200"} 4');
    expect(text).toContain('taskhub_deliveries{source="github",status="processed"} 2');
    expect(text).toContain('taskhub_emails{kind="assigned",status="sent"} 1');
    expect(text).toContain('taskhub_tasks{project="WEB",status="todo"} 5');
    expect(text).toContain('taskhub_extracted_intents_total{kind="upsert"} 7');
  });
});

describe("an isolate's request tallies", () => {
  it("are written once the oldest has waited the flush interval", () => {
    expect(tallyDue(3, 1_000, 1_000 + TALLY_FLUSH_MS - 1)).toBe(false);
    expect(tallyDue(3, 1_000, 1_000 + TALLY_FLUSH_MS)).toBe(true);
  });

  it("are written at once when they hold too many series", () => {
    expect(tallyDue(TALLY_MAX_SERIES, 1_000, 1_000)).toBe(true);
  });

  it("write nothing when none are held", () => {
    expect(tallyDue(0, 0, 10 * TALLY_FLUSH_MS)).toBe(false);
  });
});
