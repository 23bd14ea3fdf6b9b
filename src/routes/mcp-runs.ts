// The MCP tools for workflow runs: list them and read one run's trace, read-only (the MCP surface offers no operator actions),
// through the same use cases as /runs and /api/runs.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { UseCaseContext } from "../app/context";
import { FILTER_STATUSES, requestedRunFilter, runPage, runView, type RunRow, type RunView } from "../app/runs";
import { waterfall } from "../domain/run-traces";

const LIST_LINES = 20;

/** mcp.ts's answer: a tool's text, or its failure as our error code and message. */
type Answer = (fn: () => Promise<string>) => Promise<{ content: { type: "text"; text: string }[]; isError?: boolean }>;

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");
const took = (ms: number | null) => (ms == null ? "running" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

/** One delivery per line: when, what came in, its status, and each run as workflow/eventId [status] (get_run's arguments). */
export function runRowLine({ d, runs }: RunRow): string {
  const shown = runs.map((r) => `${r.workflow}/${r.eventId} [${r.status}]`).join(", ");
  return `${when(d.receivedAt)} ${d.source} ${d.event} ${d.id} [${d.status}]${d.error ? ` ${d.error.replace(/\s+/g, " ")}` : ""}${shown ? ` → ${shown}` : ""}`;
}

/** The run, then one line per step: timing, attempts, error, and the short views of its input and output. */
export function runTraceText({ run, steps, status }: RunView, now: Date): string {
  const { spanMs, bars } = waterfall(run, steps, now);
  return [
    `${run.workflow} ${run.eventId} [${status}] attempt ${run.attempts}, started ${when(run.startedAt)}, ${took(run.endedAt ? spanMs : null)}${run.deliveryId ? `, delivery ${run.deliveryId}` : ""}`,
    run.error ? `error: ${run.error}` : null,
    `input: ${run.input}`,
    ...steps.map((s, i) =>
      [`- ${s.name}${s.kind === "run" ? "" : ` (${s.kind})`} ${took(bars[i].ms)}${s.attempts > 1 ? ` ×${s.attempts}` : ""}`, s.error ? ` error: ${s.error}` : "", s.input ? ` in: ${s.input}` : "", s.output ? ` out: ${s.output}` : ""].join(""),
    ),
    steps.length ? null : "no step has run yet",
  ]
    .filter((l) => l !== null)
    .join("\n");
}

export function registerRunTools(server: McpServer, ctx: UseCaseContext, answer: Answer): void {
  server.registerTool(
    "list_runs",
    {
      description: `Latest deliveries and the workflow runs they started, one per line, at most ${LIST_LINES}.`,
      inputSchema: {
        workflow: z.string().optional(),
        status: z.enum(FILTER_STATUSES as [string, ...string[]]).optional(),
        since: z.string().optional().describe("YYYY-MM-DD"),
        cursor: z.string().optional(),
      },
    },
    (a) =>
      answer(async () => {
        const page = await runPage(ctx, requestedRunFilter(ctx, a), LIST_LINES, a.cursor);
        const more = page.nextCursor ? `\n(more: cursor ${page.nextCursor})` : "";
        return page.items.length ? page.items.map(runRowLine).join("\n") + more : "no runs";
      }),
  );

  server.registerTool(
    "get_run",
    { description: "One run's trace: status, error, and each step's time, attempts, error, input and output.", inputSchema: { workflow: z.string(), eventId: z.string() } },
    (a) => answer(async () => runTraceText(await runView(ctx, a.workflow, a.eventId), new Date())),
  );
}
