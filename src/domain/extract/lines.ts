// Reads one parsed transcript line into a small typed record, so the rest never touches raw JSON shapes.

export type LineKind = "user" | "assistant" | "system" | "progress" | "other";

export interface LineRecord {
  kind: LineKind;
  uuid: string | null;
  parentUuid: string | null;
  sessionId: string | null;
  at: string | null;
  cwd: string | null;
  gitBranch: string | null;
  sidechain: boolean;
  agentId: string | null;
  subtype: string | null;
  /** isMeta, isVisibleInTranscriptOnly: written by Claude Code, not typed by the person. */
  meta: boolean;
  compactSummary: boolean;
  /** message.content: a string or an array of blocks. */
  content: unknown;
  /** message.id: blocks of one API response share it across lines. */
  messageId: string | null;
  toolUseResult: unknown;
  /** progress lines: data.type, data.agentId and the Task tool_use they belong to. */
  progressType: string | null;
  progressAgentId: string | null;
  parentToolUseId: string | null;
}

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
/** Ids arrive as strings or numbers depending on the tool build. */
export const idStr = (v: unknown): string | null =>
  typeof v === "string" && v !== "" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : null;

const KINDS: Record<string, LineKind> = { user: "user", assistant: "assistant", system: "system", progress: "progress" };

export function readLine(raw: unknown): LineRecord | null {
  if (!isObj(raw)) return null;
  const kind = KINDS[raw.type as string] ?? "other";
  const rec: LineRecord = {
    kind,
    uuid: str(raw.uuid),
    parentUuid: str(raw.parentUuid),
    sessionId: str(raw.sessionId),
    at: str(raw.timestamp),
    cwd: str(raw.cwd),
    gitBranch: str(raw.gitBranch),
    sidechain: raw.isSidechain === true,
    agentId: str(raw.agentId),
    subtype: null,
    meta: false,
    compactSummary: false,
    content: null,
    messageId: null,
    toolUseResult: undefined,
    progressType: null,
    progressAgentId: null,
    parentToolUseId: null,
  };
  // Everything below is only needed for the few kinds that carry intents; progress lines are most of a file.
  if (kind === "user" || kind === "assistant") readMessage(raw, rec);
  else if (kind === "system") rec.subtype = str(raw.subtype);
  else if (kind === "progress") readProgress(raw, rec);
  return rec;
}

function readMessage(raw: Obj, rec: LineRecord): void {
  const msg = raw.message;
  if (isObj(msg)) {
    rec.content = msg.content;
    rec.messageId = str(msg.id);
  }
  rec.meta = raw.isMeta === true || raw.isVisibleInTranscriptOnly === true;
  rec.compactSummary = raw.isCompactSummary === true;
  rec.toolUseResult = raw.toolUseResult;
}

function readProgress(raw: Obj, rec: LineRecord): void {
  const data = raw.data;
  if (!isObj(data) || data.type !== "agent_progress") return;
  rec.progressType = "agent_progress";
  rec.progressAgentId = str(data.agentId);
  rec.parentToolUseId = str(raw.parentToolUseID);
}

export interface ToolUse {
  id: string;
  name: string;
  input: Obj;
}
export interface ToolResult {
  toolUseId: string;
  text: string;
  isError: boolean;
}

export function toolUses(content: unknown): ToolUse[] {
  if (!Array.isArray(content)) return [];
  const out: ToolUse[] = [];
  for (const b of content) {
    if (isObj(b) && b.type === "tool_use" && typeof b.name === "string") {
      out.push({ id: str(b.id) ?? "", name: b.name, input: isObj(b.input) ? b.input : {} });
    }
  }
  return out;
}

export function toolResults(content: unknown): ToolResult[] {
  if (!Array.isArray(content)) return [];
  const out: ToolResult[] = [];
  for (const b of content) {
    if (isObj(b) && b.type === "tool_result") {
      out.push({ toolUseId: str(b.tool_use_id) ?? "", text: blockText(b.content), isError: b.is_error === true });
    }
  }
  return out;
}

/** Text typed or written as text blocks; tool_result, tool_use, thinking and images are left out. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let out = "";
  for (const b of content) {
    if (isObj(b) && b.type === "text" && typeof b.text === "string") out += (out ? "\n" : "") + b.text;
  }
  return out;
}

function blockText(c: unknown): string {
  if (typeof c === "string") return c;
  return textOf(c);
}
