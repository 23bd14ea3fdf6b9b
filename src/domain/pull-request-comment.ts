// The one comment taskhub keeps on a pull request: its linked tasks, their status and due date, as Markdown.

import type { Task, TaskStatus } from "./tasks";

/** Marks the hub's own comment, so it is found and edited rather than posted twice. */
export const COMMENT_MARKER = "<!-- taskhub:linked-tasks -->";

const STATUS_LABEL: Record<TaskStatus, string> = {
  todo: "To do",
  in_progress: "In progress",
  review: "In review",
  completed: "Done",
  cancelled: "Cancelled",
};

/** Titles come from transcripts and commits: capped, and every Markdown or HTML meta-character escaped. */
export function escapeMarkdown(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const capped = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  return capped.replace(/[\\`*_{}[\]()<>#!|~&@]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** GitHub caps a comment at 65,536 characters; a PR linking hundreds of tasks lists the first ones. */
export const MAX_ROWS = 200;

export function renderPullRequestComment(tasks: Pick<Task, "key" | "title" | "status" | "dueAt">[], hubUrl?: string | null): string {
  const rows = tasks.slice(0, MAX_ROWS).map((t) => {
    const key = hubUrl ? `[${t.key}](${hubUrl.replace(/\/+$/, "")}/tasks/${encodeURIComponent(t.key)})` : t.key;
    return `| ${key} | ${escapeMarkdown(t.title)} | ${STATUS_LABEL[t.status]} | ${t.dueAt ? t.dueAt.slice(0, 10) : "—"} |`;
  });
  const more = tasks.length > MAX_ROWS ? [`\n…and ${tasks.length - MAX_ROWS} more.`] : [];
  return [COMMENT_MARKER, "**taskhub** — tasks linked to this pull request", "", "| Task | Title | Status | Due |", "|---|---|---|---|", ...rows, ...more].join("\n");
}
