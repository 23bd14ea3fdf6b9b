// TodoWrite calls: each one is the whole list of its chain, in either item shape Claude Code has written.

import { capText, normalizeTitle, type Priority, type TaskStatus, TITLE_MAX } from "../tasks";
import { isObj, str, type Obj } from "./lines";
import { priorityFromText } from "./metadata";
import type { IntentOrigin, ListItem, TaskIntent } from "./types";

const STATUS: Record<string, TaskStatus> = { pending: "todo", in_progress: "in_progress", completed: "completed" };
const PRIORITY: Record<string, Priority> = { high: "high", medium: "medium", low: "low" };

export const todoKey = (sessionId: string, chain: string, title: string) =>
  `todo:${sessionId}:${chain}:${normalizeTitle(title)}`;

/** Items of a TodoWrite input; `{content,status,activeForm}` and the older `{id,content,status,priority}` alike. */
export function todoItems(input: Obj, sessionId: string, chain: string): ListItem[] {
  const todos = Array.isArray(input.todos) ? input.todos : [];
  // The same text twice in one list is one task; the later entry is the newer state.
  const byKey = new Map<string, ListItem>();
  for (const t of todos) {
    const item = isObj(t) ? todoItem(t, sessionId, chain) : null;
    if (item) {
      byKey.delete(item.externalKey);
      byKey.set(item.externalKey, item);
    }
  }
  return [...byKey.values()];
}

function todoItem(t: Obj, sessionId: string, chain: string): ListItem | null {
  const content = str(t.content)?.trim();
  if (!content || !normalizeTitle(content)) return null;
  const title = capText(content, TITLE_MAX);
  const item: ListItem = {
    externalKey: todoKey(sessionId, chain, content),
    title,
    status: STATUS[str(t.status) ?? ""] ?? "todo",
  };
  const priority = PRIORITY[str(t.priority) ?? ""] ?? priorityFromText(content);
  if (priority) item.priority = priority;
  return item;
}

export function listIntent(
  input: Obj,
  origin: IntentOrigin,
  tags: string[],
  parentExternalKey?: string,
): Extract<TaskIntent, { type: "list" }> {
  const intent: Extract<TaskIntent, { type: "list" }> = {
    type: "list",
    origin,
    items: todoItems(input, origin.sessionId, origin.chain),
    tags,
  };
  if (parentExternalKey) intent.parentExternalKey = parentExternalKey;
  return intent;
}
