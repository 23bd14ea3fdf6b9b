// Shared by the extractor tests: fixture loading and small transcript lines in the real shapes.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Extraction, TaskIntent } from "../../../src/domain/extract/types";

const FIXTURES = fileURLToPath(new URL("../../fixtures/claude/", import.meta.url).href);

export const fixture = (name: string) => readFileSync(FIXTURES + name, "utf8");

export const SESSION = "11111111-2222-3333-4444-555555555555";
export const BASE = { sessionId: SESSION, cwd: "/home/dev/projects/taskhub", gitBranch: "feature/auth", version: "2.1.39", userType: "external" };

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

type Extra = Record<string, unknown>;

export function userLine(content: unknown, at = "2026-02-11T10:00:00.000Z", extra: Extra = {}): string {
  return JSON.stringify({ ...BASE, parentUuid: null, isSidechain: false, type: "user", message: { role: "user", content }, uuid: uuid(), timestamp: at, ...extra });
}

export function assistantText(text: string, at = "2026-02-11T10:00:01.000Z", extra: Extra = {}): string {
  return JSON.stringify({ ...BASE, parentUuid: null, isSidechain: false, type: "assistant", message: { role: "assistant", content: [{ type: "text", text }] }, uuid: uuid(), timestamp: at, ...extra });
}

export function toolUse(name: string, input: unknown, id: string, at = "2026-02-11T10:00:02.000Z", extra: Extra = {}): string {
  return JSON.stringify({ ...BASE, parentUuid: null, isSidechain: false, type: "assistant", message: { role: "assistant", content: [{ type: "tool_use", id, name, input }] }, uuid: uuid(), timestamp: at, ...extra });
}

export function toolResult(id: string, content: string, toolUseResult: unknown, at = "2026-02-11T10:00:03.000Z", extra: Extra = {}): string {
  return JSON.stringify({ ...BASE, parentUuid: null, isSidechain: false, type: "user", message: { role: "user", content: [{ tool_use_id: id, type: "tool_result", content }] }, uuid: uuid(), timestamp: at, toolUseResult, ...extra });
}

export const jsonl = (...lines: string[]) => lines.join("\n") + "\n";

export const ofType = <T extends TaskIntent["type"]>(x: Extraction, type: T) =>
  x.intents.filter((i): i is Extract<TaskIntent, { type: T }> => i.type === type);

export const upserts = (x: Extraction, source?: string) => ofType(x, "upsert").filter((i) => !source || i.source === source);
