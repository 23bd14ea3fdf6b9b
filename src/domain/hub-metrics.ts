// The hub's metric families (names, help, labels) from the counts the store keeps: what /metrics shows and Grafana reads.

import { REQUEST_SECONDS, RUN_SECONDS, type Family } from "./metrics";

export interface HubCounts {
  requests: { route: string; method: string; status: number; bucket: number; count: number; seconds: number }[];
  deliveries: { source: string; status: string; count: number }[];
  runs: { source: string; event: string; status: string; bucket: number; count: number; seconds: number }[];
  emails: { kind: string; status: string; count: number }[];
  tasks: { projectKey: string; status: string; count: number }[];
  intents: { kind: string; count: number }[];
  truncated: string[];
}

/** The event a delivery emits, by name only (domain/deliveries.ts eventFor builds the whole event). */
export function deliveryEventName(source: string, event: string): string | null {
  if (source === "github") return `github/${event}.received`;
  if (source === "transcript") return "claude/transcript.received";
  if (source === "hook") return "claude/hook.received";
  return null;
}

/** A delivery's last status is its run's outcome: each delivery event starts one workflow, which sets it. */
const OUTCOME: Record<string, string> = { processed: "completed", failed: "failed" };

/**
 * workflowsOf names the workflows an event starts (src/workflows/index.ts, handed in so the core imports no
 * workflow). A delivery whose event starts none ran nothing and is not a run.
 */
export function hubFamilies(c: HubCounts, workflowsOf: (event: string) => readonly string[]): Family[] {
  const runRows = c.runs.flatMap((r) => {
    const ev = deliveryEventName(r.source, r.event);
    const outcome = OUTCOME[r.status];
    if (!ev || !outcome) return [];
    return workflowsOf(ev).map((workflow) => ({ labels: { workflow, outcome }, bucket: r.bucket, count: r.count, sum: r.seconds }));
  });
  const runTotals = new Map<string, { labels: { workflow: string; outcome: string }; value: number }>();
  for (const r of runRows) {
    const k = `${r.labels.workflow}\u0000${r.labels.outcome}`;
    const t = runTotals.get(k) ?? { labels: r.labels, value: 0 };
    t.value += r.count;
    runTotals.set(k, t);
  }
  const requestLabels = (r: HubCounts["requests"][number]) => ({ route: r.route, method: r.method, status: String(r.status) });
  const requestTotals = new Map<string, { labels: Record<string, string>; value: number }>();
  for (const r of c.requests) {
    const labels = requestLabels(r);
    const k = JSON.stringify(labels);
    const t = requestTotals.get(k) ?? { labels, value: 0 };
    t.value += r.count;
    requestTotals.set(k, t);
  }
  return [
    { name: "taskhub_http_requests_total", help: "HTTP requests answered, by matched route, method and status.", type: "counter", samples: [...requestTotals.values()] },
    {
      name: "taskhub_http_request_duration_seconds",
      help: "Time from request to response, by matched route, method and status.",
      type: "histogram",
      bounds: REQUEST_SECONDS,
      rows: c.requests.map((r) => ({ labels: requestLabels(r), bucket: r.bucket, count: r.count, sum: r.seconds })),
    },
    {
      name: "taskhub_deliveries",
      help: "Inbound deliveries recorded (GitHub webhooks, Claude Code hooks and transcripts), by source and current status.",
      type: "gauge",
      samples: c.deliveries.map((d) => ({ labels: { source: d.source, status: d.status }, value: d.count })),
    },
    { name: "taskhub_workflow_runs_total", help: "Delivery workflow runs ended, by workflow and outcome.", type: "counter", samples: [...runTotals.values()] },
    {
      name: "taskhub_workflow_run_duration_seconds",
      help: "Time from a delivery's arrival to its run's end, by workflow and outcome.",
      type: "histogram",
      bounds: RUN_SECONDS,
      rows: runRows,
    },
    {
      name: "taskhub_emails",
      help: "Emails recorded (the outbox, or what Resend was asked to send), by kind and current status.",
      type: "gauge",
      samples: c.emails.map((e) => ({ labels: { kind: e.kind, status: e.status }, value: e.count })),
    },
    { name: "taskhub_tasks", help: "Tasks, by project and status.", type: "gauge", samples: c.tasks.map((t) => ({ labels: { project: t.projectKey, status: t.status }, value: t.count })) },
    {
      name: "taskhub_extracted_intents_total",
      help: "Task intents extracted from Claude Code hooks and transcripts, by kind.",
      type: "counter",
      samples: c.intents.map((i) => ({ labels: { kind: i.kind }, value: i.count })),
    },
    {
      name: "taskhub_metrics_truncated",
      help: "1 for each table whose counts above cover only its newest rows (the store reads a bounded amount per scrape).",
      type: "gauge",
      samples: c.truncated.map((table) => ({ labels: { table }, value: 1 })),
    },
  ];
}
