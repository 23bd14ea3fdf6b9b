// A local stand-in for the Anthropic Messages API: streams scripted turns to the real `claude` CLI and keeps its requests.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Turn = { tool: string; input: Record<string, unknown> } | { text: string };

export interface ModelRequest {
  model: string;
  system: unknown;
  messages: unknown[];
  tools: string[];
  /** The whole request body, as Claude Code sent it. */
  raw: string;
}

export interface StandIn {
  url: string;
  /** Requests that offered the task tools: the session's own turns, not side calls (titles, topics). */
  sessionRequests: ModelRequest[];
  /** Queues the turns the next session's requests are answered with, in order. */
  script(turns: Turn[]): void;
  close(): Promise<void>;
}

type Sse = [string, unknown][];

let ids = 0;

function message(): Record<string, unknown> {
  return {
    id: `msg_standin_${++ids}`,
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-5",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 1 },
  };
}

/** The event sequence of one streamed reply: a tool_use built from input_json_delta, or a text block. */
export function events(turn: Turn): Sse {
  const tool = "tool" in turn;
  const block = tool ? { type: "tool_use", id: `toolu_standin_${++ids}`, name: turn.tool, input: {} } : { type: "text", text: "" };
  const delta = tool ? { type: "input_json_delta", partial_json: JSON.stringify(turn.input) } : { type: "text_delta", text: turn.text };
  return [
    ["message_start", { type: "message_start", message: message() }],
    ["content_block_start", { type: "content_block_start", index: 0, content_block: block }],
    ["content_block_delta", { type: "content_block_delta", index: 0, delta }],
    ["content_block_stop", { type: "content_block_stop", index: 0 }],
    ["message_delta", { type: "message_delta", delta: { stop_reason: tool ? "tool_use" : "end_turn", stop_sequence: null }, usage: { output_tokens: 5 } }],
    ["message_stop", { type: "message_stop" }],
  ];
}

export async function startStandIn(): Promise<StandIn> {
  const queue: Turn[] = [];
  const sessionRequests: ModelRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      if (req.method !== "POST" || !req.url?.startsWith("/v1/messages") || req.url.includes("count_tokens")) {
        // Reachability probes and token counts: any well-formed answer will do.
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ input_tokens: 10 }));
        return;
      }
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(raw);
      } catch {}
      const tools = Array.isArray(body.tools) ? body.tools.map((t: { name?: string }) => String(t.name)) : [];
      // 2.1.332 defers the task tools (named for ToolSearch, not listed); older builds list TaskCreate itself.
      const own = tools.includes("TaskCreate") || tools.includes("ToolSearch");
      if (own) sessionRequests.push({ model: String(body.model), system: body.system, messages: body.messages ?? [], tools, raw });
      const turn: Turn = own ? (queue.shift() ?? { text: "Nothing more to do." }) : { text: "Scripted session" };
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const [event, data] of events(turn)) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sessionRequests,
    script: (turns) => queue.push(...turns),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
