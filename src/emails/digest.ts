// The digest email: a person's completed, in-progress, due-soon, overdue and blocked tasks, in sections.

import { anchor, boardUrl, esc, frameHtml, frameText, subjectLine, taskLineHtml, taskLineText, type EmailContext, type Rendered, type TaskRef } from "./render";

export interface DigestView {
  period: "daily" | "weekly";
  localDate: string;
  completed: TaskRef[];
  inProgress: TaskRef[];
  dueSoon: TaskRef[];
  overdue: TaskRef[];
  blocked: TaskRef[];
  unblocked: TaskRef[];
}

const SECTIONS: [keyof Omit<DigestView, "period" | "localDate">, string][] = [
  ["overdue", "Overdue"],
  ["dueSoon", "Due in the next 48 hours"],
  ["unblocked", "Unblocked: ready to start"],
  ["blocked", "Blocked"],
  ["inProgress", "In progress"],
  ["completed", "Completed since the last digest"],
];

export function digestEmail(ctx: EmailContext, d: DigestView): Rendered {
  const heading = `Your ${d.period} taskhub digest for ${d.localDate}`;
  const present = SECTIONS.filter(([k]) => d[k].length);
  const projects = [...new Set(SECTIONS.flatMap(([k]) => d[k].map((t) => t.projectKey)))].sort();
  const html =
    present
      .map(
        ([k, title]) =>
          `<h2 style="font-size:15px;margin:16px 0 6px">${esc(title)} (${d[k].length})</h2><ul style="padding-left:18px;margin:0">${d[k]
            .map((t) => `<li style="margin:0 0 6px">${taskLineHtml(ctx, t)}</li>`)
            .join("")}</ul>`,
      )
      .join("\n") +
    `\n<p style="margin:16px 0 0">${projects.map((p) => anchor(boardUrl(ctx.hubUrl, p), "color:#0969da;margin-right:12px", `${esc(p)} board`)).join(" ")}</p>`;
  const text = [
    ...present.map(([k, title]) => `${title} (${d[k].length})\n${d[k].map((t) => `- ${taskLineText(t)}`).join("\n")}\n`),
    ...projects.map((p) => `${p} board: ${boardUrl(ctx.hubUrl, p)}`),
  ].join("\n");
  const counts = [d.overdue.length && `${d.overdue.length} overdue`, d.dueSoon.length && `${d.dueSoon.length} due soon`, d.blocked.length && `${d.blocked.length} blocked`]
    .filter(Boolean)
    .join(", ");
  return { subject: subjectLine(`taskhub ${d.period} digest ${d.localDate}${counts ? `: ${counts}` : ""}`), html: frameHtml(ctx, heading, html), text: frameText(ctx, heading, text) };
}
