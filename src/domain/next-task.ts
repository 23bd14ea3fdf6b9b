// Which task to pick up next, and the one-line form tasks take in compact answers (MCP, SessionStart).

import type { Priority, Task } from "./tasks";

const RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/** Work already started first, then priority, then the earliest due date, then the oldest. */
export function nextTask<T extends Pick<Task, "status" | "priority" | "dueAt" | "number">>(unblockedOpen: T[]): T | null {
  const sorted = [...unblockedOpen].sort(
    (a, b) =>
      Number(b.status === "in_progress") - Number(a.status === "in_progress") ||
      RANK[a.priority] - RANK[b.priority] ||
      (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999") ||
      a.number - b.number,
  );
  return sorted[0] ?? null;
}

export function taskLine(t: Pick<Task, "key" | "status" | "priority" | "dueAt" | "title">): string {
  const due = t.dueAt ? ` due ${t.dueAt.slice(0, 10)}` : "";
  return `${t.key} [${t.status}] ${t.priority}${due}: ${t.title}`;
}
