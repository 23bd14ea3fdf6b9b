// The SessionStart context: a project's open tasks, most urgent and unblocked first, in a few lines.

import type { Priority, Task } from "./tasks";

export const CONTEXT_MAX_CHARS = 2_000;

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };
const STATUS_RANK: Record<string, number> = { in_progress: 0, review: 1, todo: 2 };

export type ContextTask = Pick<Task, "key" | "title" | "status" | "priority" | "dueAt"> & { blocked: boolean };

export function rankForContext(tasks: ContextTask[]): ContextTask[] {
  return [...tasks].sort(
    (a, b) =>
      Number(a.blocked) - Number(b.blocked) ||
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) ||
      (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999"),
  );
}

/** Plain text for the model: one task a line, cut at a whole line before the limit. */
export function formatContext(projectKey: string, tasks: ContextTask[], max = CONTEXT_MAX_CHARS): string {
  if (!tasks.length) return "";
  const header = `Open tasks in taskhub project ${projectKey} (most urgent first):`;
  const lines = [header];
  let size = header.length;
  const ranked = rankForContext(tasks);
  for (let i = 0; i < ranked.length; i++) {
    const t = ranked[i];
    const meta = [t.status.replace("_", " "), t.priority !== "medium" ? t.priority : null, t.dueAt ? `due ${t.dueAt.slice(0, 10)}` : null, t.blocked ? "blocked" : null]
      .filter(Boolean)
      .join(", ");
    const line = `- ${t.key} ${t.title.replace(/\s+/g, " ").slice(0, 160)} [${meta}]`;
    const more = `…and ${ranked.length - i} more`;
    if (size + line.length + 1 + more.length + 1 > max) {
      lines.push(more);
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}
