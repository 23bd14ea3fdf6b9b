// The frame every email shares: escaping, a narrow single-column HTML body, its plain-text twin, and the footer.

import { safeHref } from "../domain/safe-href";

/** Longest title or name an email repeats: untrusted text stays short and inert. */
export const EMAIL_TEXT_MAX = 200;

export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

/** What every template needs besides its own data. */
export interface EmailContext {
  hubUrl: string;
  recipientName: string;
  /** The signed one-click link that turns this kind off; null only when the hub has no secret to sign with. */
  unsubscribeUrl: string | null;
}

export interface TaskRef {
  key: string;
  projectKey: string;
  title: string;
  dueAt: string | null;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function cap(text: string, max = EMAIL_TEXT_MAX): string {
  // Cut before flattening, with room for the control runs and edges the flattening and trim take away.
  const flat = text.slice(0, 4 * max).replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Capped, control characters flattened, then HTML-escaped. */
export const esc = (text: string, max = EMAIL_TEXT_MAX) => cap(text, max).replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** An anchor for an http(s) url, else the inner html alone: a hub URL misconfigured as javascript: links nowhere. */
export function anchor(url: string, style: string, innerHtml: string): string {
  return safeHref(url) ? `<a href="${esc(url, 2000)}" style="${style}">${innerHtml}</a>` : innerHtml;
}

/** Subjects are headers: one line, capped, no HTML meaning. */
export const subjectLine = (text: string) => cap(text, 150);

export const boardUrl = (hubUrl: string, projectKey: string) => `${hubUrl.replace(/\/$/, "")}/?project=${encodeURIComponent(projectKey)}`;
/** A task's own page on the dashboard: its timeline, links and dependencies. */
export const taskUrl = (hubUrl: string, taskKey: string) => `${hubUrl.replace(/\/$/, "")}/tasks/${encodeURIComponent(taskKey)}`;

export const formatDue = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function taskLineHtml(ctx: EmailContext, t: TaskRef): string {
  const due = t.dueAt ? ` <span style="color:#57606a">· due ${esc(formatDue(t.dueAt))}</span>` : "";
  return `${anchor(taskUrl(ctx.hubUrl, t.key), "color:#0969da;font-weight:600;text-decoration:none", esc(t.key))} ${esc(t.title)}${due}`;
}

export const taskLineText = (t: TaskRef) => `${t.key} ${cap(t.title)}${t.dueAt ? ` (due ${formatDue(t.dueAt)})` : ""}`;

/** One column, 560px at most, inline styles only: what narrow and old mail clients render. */
export function frameHtml(ctx: EmailContext, heading: string, bodyHtml: string): string {
  const unsubscribe = ctx.unsubscribeUrl
    ? ` · ${anchor(ctx.unsubscribeUrl, "color:#57606a", "Unsubscribe from these emails")}`
    : "";
  return [
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(heading)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f6f7f9">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f7f9"><tr><td align="center" style="padding:16px 8px">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:6px">`,
    `<tr><td style="padding:20px 20px 8px;font:16px/1.4 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;word-break:break-word">`,
    `<p style="margin:0 0 12px">Hi ${esc(ctx.recipientName)},</p>`,
    `<h1 style="font-size:18px;margin:0 0 12px">${esc(heading)}</h1>`,
    bodyHtml,
    `</td></tr>`,
    `<tr><td style="padding:12px 20px 20px;font:12px/1.4 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#57606a">`,
    `Sent by ${anchor(ctx.hubUrl, "color:#57606a", "taskhub")}${unsubscribe}`,
    `</td></tr></table></td></tr></table></body></html>`,
  ].join("\n");
}

export function frameText(ctx: EmailContext, heading: string, bodyText: string): string {
  const lines = [`Hi ${cap(ctx.recipientName)},`, "", heading, "", bodyText.trimEnd(), "", "--", `taskhub: ${ctx.hubUrl}`];
  if (ctx.unsubscribeUrl) lines.push(`Unsubscribe from these emails: ${ctx.unsubscribeUrl}`);
  return `${lines.join("\n")}\n`;
}

export const taskRef = (t: TaskRef): TaskRef => ({ key: t.key, projectKey: t.projectKey, title: t.title, dueAt: t.dueAt });
