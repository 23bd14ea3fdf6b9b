// The Task tools (TaskCreate / TaskUpdate, Claude Code 2.1.16+): ids come from the tool result, updates from the input.

import { LINE_MAX_CHARS } from "../limits";
import { capText, DESCRIPTION_MAX, type TaskStatus, TITLE_MAX } from "../tasks";
import { claudeKey } from "../trackers/claude-tasks";
import { idStr, isObj, str, type Obj, type ToolResult, type ToolUse } from "./lines";
import { dueFromText, priorityFromText } from "./metadata";
import type { IntentOrigin, TaskIntent } from "./types";

type Upsert = Extract<TaskIntent, { type: "upsert" }>;

const STATUS: Record<string, TaskStatus> = {
  pending: "todo",
  in_progress: "in_progress",
  completed: "completed",
  deleted: "cancelled",
};

export const taskToolKey = (sessionId: string, id: string) => `task:${sessionId}:${id}`;

/**
 * Where a Task-tool id lives: in a shared task list (CLAUDE_CODE_TASK_LIST_ID) every session numbers the same
 * tasks, so the key is the list's, as `taskhub import --from claude-tasks` makes it; otherwise the session's own.
 */
export const taskKeyOf = (origin: Pick<IntentOrigin, "sessionId">, list: string | null, id: string) =>
  list ? claudeKey(list, id) : taskToolKey(origin.sessionId, id);

/** Builds may name the id taskId, id or task_id. */
export const taskIdOf = (input: Obj): string | null => idStr(input.taskId) ?? idStr(input.id) ?? idStr(input.task_id);

const CREATED = /Task #?(\w+) created successfully(?::\s*(.+))?/;

/** The id (and subject, when given) that a TaskCreate result announces. */
export function createdTask(toolUseResult: unknown, resultText: string): { id: string; subject: string | null } | null {
  const task = isObj(toolUseResult) && isObj(toolUseResult.task) ? toolUseResult.task : null;
  // The announcement is the result's first line; the rest may be anything, of any length.
  const m = CREATED.exec(resultText.slice(0, LINE_MAX_CHARS));
  const id = (task && idStr(task.id)) ?? m?.[1] ?? null;
  if (!id) return null;
  return { id, subject: (task && str(task.subject)) ?? m?.[2]?.trim() ?? null };
}

export function createIntent(id: string, input: Obj, subject: string | null, origin: IntentOrigin, tags: string[], list: string | null): Upsert | null {
  const title = (str(input.subject) ?? subject ?? "").trim();
  if (!title) return null;
  const intent: Upsert = {
    type: "upsert",
    origin,
    externalKey: taskKeyOf(origin, list, id),
    source: "task-tool",
    title: capText(title, TITLE_MAX),
    status: "todo",
    tags,
    matchByTitle: false,
    creates: true,
  };
  const description = str(input.description)?.trim();
  if (description) intent.description = capText(description, DESCRIPTION_MAX);
  addMetadata(intent, title, origin.at);
  return intent;
}

/** One TaskUpdate call: an upsert when it changes anything, plus a depend intent per new edge. */
export function updateIntents(input: Obj, origin: IntentOrigin, tags: string[], list: string | null): TaskIntent[] {
  const id = taskIdOf(input);
  if (!id) return [];
  const key = taskKeyOf(origin, list, id);
  const out: TaskIntent[] = [];
  const upsert = updateUpsert(input, key, origin, tags);
  if (upsert) out.push(upsert);
  // addBlocks: the listed tasks wait for this one; addBlockedBy: this one waits for them.
  for (const other of ids(input.addBlocks)) {
    out.push({ type: "depend", origin, externalKey: taskKeyOf(origin, list, other), dependsOnExternalKey: key });
  }
  for (const other of ids(input.addBlockedBy)) {
    out.push({ type: "depend", origin, externalKey: key, dependsOnExternalKey: taskKeyOf(origin, list, other) });
  }
  return out;
}

function updateUpsert(input: Obj, key: string, origin: IntentOrigin, tags: string[]): Upsert | null {
  const status = STATUS[str(input.status) ?? ""];
  const subject = str(input.subject)?.trim();
  const description = str(input.description)?.trim();
  if (!status && !subject && !description) return null;
  const intent: Upsert = { type: "upsert", origin, externalKey: key, source: "task-tool", tags, matchByTitle: false };
  if (status) intent.status = status;
  if (subject) {
    intent.title = capText(subject, TITLE_MAX);
    addMetadata(intent, subject, origin.at);
  }
  if (description) intent.description = capText(description, DESCRIPTION_MAX);
  return intent;
}

function addMetadata(intent: Upsert, text: string, at: string): void {
  const priority = priorityFromText(text);
  if (priority) intent.priority = priority;
  const due = dueFromText(text, at);
  if (due) intent.dueAt = due;
}

function ids(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.map(idStr).filter((x): x is string => x !== null);
}

/** A refused call: an error result, or `success: false` in toolUseResult. */
export function failed(result: { isError: boolean }, toolUseResult: unknown): boolean {
  return result.isError || (isObj(toolUseResult) && toolUseResult.success === false);
}

/**
 * Pairs calls with their results across lines. A create is emitted when its id is known (the result line);
 * an update at the call, withdrawn if its result says it was refused.
 */
export class TaskTools {
  private creates = new Map<string, Obj>();
  private updates = new Map<string, TaskIntent[]>();
  readonly withdrawn = new Set<TaskIntent>();

  /** @param list the shared task list the session wrote to, if any (see taskKeyOf). */
  constructor(private readonly list: string | null = null) {}

  onUse(use: ToolUse, origin: IntentOrigin, tags: string[]): TaskIntent[] {
    if (use.name === "TaskCreate") {
      this.creates.set(use.id, use.input);
      return [];
    }
    if (use.name !== "TaskUpdate") return [];
    const intents = updateIntents(use.input, origin, tags, this.list);
    if (intents.length) this.updates.set(use.id, intents);
    return intents;
  }

  onResult(result: ToolResult, toolUseResult: unknown, origin: IntentOrigin, tags: string[]): TaskIntent[] {
    const update = this.updates.get(result.toolUseId);
    if (update) {
      this.updates.delete(result.toolUseId);
      if (failed(result, toolUseResult)) for (const i of update) this.withdrawn.add(i);
      return [];
    }
    const input = this.creates.get(result.toolUseId);
    this.creates.delete(result.toolUseId);
    if (failed(result, toolUseResult)) return [];
    // Without the call in this slice, only a result that carries toolUseResult.task is known to be a create.
    const announced = isObj(toolUseResult) && isObj(toolUseResult.task) ? toolUseResult.task : null;
    if (!input && !announced) return [];
    const created = createdTask(toolUseResult, result.text);
    if (!created) return [];
    const intent = createIntent(created.id, input ?? announced ?? {}, created.subject, origin, tags, this.list);
    return intent ? [intent] : [];
  }
}
