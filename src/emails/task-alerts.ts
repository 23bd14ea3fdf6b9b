// The emails about one task: due tomorrow, overdue, unblocked, a nudge to its blocker, an escalation to the owner.

import { anchor, boardUrl, esc, frameHtml, frameText, subjectLine, taskLineHtml, taskLineText, type EmailContext, type Rendered, type TaskRef } from "./render";

function alert(ctx: EmailContext, subject: string, heading: string, lead: string, tasks: TaskRef[], projectKey: string): Rendered {
  const list = tasks.map((t) => `<li style="margin:0 0 6px">${taskLineHtml(ctx, t)}</li>`).join("");
  const html = `<p style="margin:0 0 12px">${esc(lead, 500)}</p><ul style="padding-left:18px;margin:0 0 16px">${list}</ul>
<p style="margin:0">${anchor(boardUrl(ctx.hubUrl, projectKey), "color:#0969da", `Open the ${esc(projectKey)} board`)}</p>`;
  const text = `${lead}\n\n${tasks.map((t) => `- ${taskLineText(t)}`).join("\n")}\n\nBoard: ${boardUrl(ctx.hubUrl, projectKey)}`;
  return { subject: subjectLine(subject), html: frameHtml(ctx, heading, html), text: frameText(ctx, heading, text) };
}

export const deadlineEmail = (ctx: EmailContext, task: TaskRef) =>
  alert(ctx, `Due within a day: ${task.key} ${task.title}`, "Due within a day", "This task of yours is due within the next 24 hours:", [task], task.projectKey);

export const overdueEmail = (ctx: EmailContext, task: TaskRef) =>
  alert(ctx, `Overdue: ${task.key} ${task.title}`, "Overdue", "This task of yours has passed its due date and is still open:", [task], task.projectKey);

export const unblockedEmail = (ctx: EmailContext, task: TaskRef, freedBy: TaskRef) =>
  alert(ctx, `Unblocked: ${task.key} ${task.title}`, "Ready to start", `${freedBy.key} is done, so nothing blocks this task of yours any more:`, [task], task.projectKey);

export const nudgeEmail = (ctx: EmailContext, blocker: TaskRef, waiting: TaskRef[]) =>
  alert(
    ctx,
    `Others are waiting on ${blocker.key} ${blocker.title}`,
    "Work is waiting on you",
    `${blocker.key} (yours) is overdue or has not moved for three days, and ${waiting.length === 1 ? "this task waits" : "these tasks wait"} on it:`,
    [blocker, ...waiting],
    blocker.projectKey,
  );

export const escalationEmail = (ctx: EmailContext, blocker: TaskRef, waiting: TaskRef[]) =>
  alert(
    ctx,
    `Stuck: ${blocker.key} ${blocker.title} is blocking ${waiting.length} task${waiting.length === 1 ? "" : "s"}`,
    "A blocker is stuck",
    `Its assignee was nudged two days ago and ${blocker.key} has not moved since. As an owner of ${blocker.projectKey}, you may want to step in:`,
    [blocker, ...waiting],
    blocker.projectKey,
  );
