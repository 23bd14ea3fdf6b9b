// What the timeline says: an activity row, its actor and a task's source as readable parts, never raw JSON.

import type { Activity, ActivityAction } from "./activity";
import type { TaskSource } from "./tasks";

/** One piece of a sentence; `href` only for http(s) URLs and the hub's own session pages. */
export interface Part {
  text: string;
  href?: string;
}

export interface ActivityDescription {
  /** What happened ("status todo → in progress"). */
  what: Part[];
  /** Who or what did it ("Claude Code session 4d56… (TaskUpdate)"). */
  by: Part[];
}

/** Renders the parts as plain text (the live feed, tests). */
export const plainText = (parts: Part[]) => parts.map((p) => p.text).join("");

const text = (t: string): Part => ({ text: t });
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null);
const cap = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Only http(s) URLs become links; anything else (javascript:, data:, relative) stays text. */
export function safeUrl(v: unknown): string | undefined {
  if (typeof v !== "string" || v.length > 2000) return undefined;
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const link = (label: string, url: unknown): Part => {
  const href = safeUrl(url);
  return href ? { text: label, href } : text(label);
};

export const sessionHref = (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}`;
const shortId = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}…` : id);
export const sessionPart = (sessionId: string): Part => ({ text: `Claude Code session ${shortId(sessionId)}`, href: sessionHref(sessionId) });

/** `90` → "1h 30m". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h && m ? `${h}h ${m}m` : h ? `${h}h` : `${m}m`;
}

const words = (v: unknown) => (str(v) ?? "none").replaceAll("_", " ");

/** A field's value in a change, short and flat: arrays joined, objects by their keys' count. */
function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "none";
  if (Array.isArray(v)) return v.length ? cap(v.map((x) => String(x)).join(", "), 60) : "none";
  if (typeof v === "object") return `${Object.keys(v).length} fields`;
  if (field === "dueAt" && typeof v === "string") return v.slice(0, 10);
  if (field === "description") return "edited";
  return cap(String(v).replaceAll("_", " "), 60);
}

function changesText(changes: unknown): string {
  if (!changes || typeof changes !== "object") return "";
  const out: string[] = [];
  // The status move leads: it is what a reader looks for first.
  const fields = Object.entries(changes as Record<string, unknown>).sort(([a], [b]) => Number(b === "status") - Number(a === "status"));
  for (const [field, pair] of fields) {
    const name = field === "assigneeId" ? "assignee" : field === "dueAt" ? "due" : field;
    if (Array.isArray(pair) && pair.length === 2) {
      out.push(field === "description" ? "description edited" : `${name} ${valueText(field, pair[0])} → ${valueText(field, pair[1])}`);
    } else out.push(`${name} changed`);
  }
  return out.join(", ");
}

const REASONS: Record<string, string> = {
  "task-tool": "TaskUpdate",
  todowrite: "TodoWrite",
  "todo list": "TodoWrite",
  "dropped from the todo list": "dropped from the TodoWrite list",
  prose: "prose",
  compaction: "compaction summary",
};

/** A linked thing: a commit by its short sha, a PR or issue by its number, linked to its URL when it is http(s). */
function linkTarget(data: Record<string, unknown>): Part {
  const kind = str(data.kind);
  const ref = str(data.ref) ?? "";
  if (kind === "commit") return link(`commit ${(str(data.sha) ?? ref).slice(0, 7)}`, data.url);
  const number = ref.match(/#(\d+)$/)?.[1] ?? str(data.number);
  const label = kind === "pull_request" ? "PR" : kind === "issue" ? "issue" : words(kind ?? "link");
  return link(number ? `${label} #${number}` : `${label} ${cap(ref, 60)}`.trim(), data.url);
}

/** Keys an action's sentence already says; anything else is named, never dumped. */
const LINK_KEYS = ["kind", "ref", "url", "sha", "repo", "state", "closes", "base", "by", "number"];
const SAID: Partial<Record<ActivityAction, string[]>> = {
  created: ["title", "status", "source"],
  updated: ["changes", "reason"],
  status_changed: ["changes", "reason"],
  deleted: ["key", "title"],
  commented: ["commentId", "excerpt", "sha"],
  time_logged: ["minutes", "source", "sha"],
  linked: LINK_KEYS,
  commit_closed: LINK_KEYS,
  dependency_added: ["dependsOn", "dependsOnId"],
  dependency_removed: ["dependsOn", "dependsOnId"],
  unblocked: ["by", "byId"],
  member_set: ["userId", "role"],
  member_removed: ["userId"],
  github_call_skipped: ["call", "pullRequest", "status", "message"],
  github_call_failed: ["call", "pullRequest", "status", "message"],
};

function what(a: Pick<Activity, "action" | "data">): Part[] {
  const d = a.data ?? {};
  switch (a.action) {
    case "created":
      return [text(`created${str(d.status) ? ` as ${words(d.status)}` : ""}`)];
    case "updated":
    case "status_changed": {
      const c = changesText(d.changes);
      return [text(c || (a.action === "updated" ? "updated" : "status changed"))];
    }
    case "deleted":
      return [text(`deleted ${str(d.key) ?? "the task"}${str(d.title) ? ` “${cap(str(d.title)!)}”` : ""}`)];
    case "commented":
      return [text(str(d.sha) ? `commented (commit ${str(d.sha)!.slice(0, 7)})` : "commented")];
    case "time_logged": {
      const minutes = typeof d.minutes === "number" ? d.minutes : Number(d.minutes) || 0;
      const from = str(d.sha) ? ` (commit ${str(d.sha)!.slice(0, 7)})` : str(d.source) && d.source !== "manual" ? ` (${words(d.source)})` : "";
      return [text(`logged ${duration(minutes)}${from}`)];
    }
    case "linked": {
      const how = d.by === "comment" ? " by a /taskhub comment" : d.by === "sync" ? " (its issue, opened by the hub)" : d.kind === "commit" && str(d.state) ? ` (${words(d.state)})` : "";
      const state = d.kind === "pull_request" && str(d.state) ? ` (${words(d.state)}${d.closes ? ", closes it" : ""})` : "";
      return [text("linked to "), linkTarget(d), text(`${state}${how}`)];
    }
    case "commit_closed":
      return [linkTarget({ ...d, kind: "commit" }), text(` moved it${str(d.state) ? ` (${words(d.state)})` : ""}`)];
    case "pull_request_open":
    case "pull_request_draft":
    case "pull_request_review":
    case "pull_request_merged":
    case "pull_request_closed": {
      const state = a.action.slice("pull_request_".length);
      const into = str(d.base) ? ` into ${str(d.base)}` : "";
      return [linkTarget({ ...d, kind: "pull_request" }), text(` ${state === "review" ? "ready for review" : words(state)}${into}`)];
    }
    case "dependency_added":
      return [text(`now waits for ${str(d.dependsOn) ?? "a task"}`)];
    case "dependency_removed":
      return [text(`no longer waits for ${str(d.dependsOn) ?? "a task"}`)];
    case "unblocked":
      return [text(`unblocked${str(d.by) ? ` by ${str(d.by)}` : ""}`)];
    case "member_set":
      return [text(`${str(d.userId) ?? "a person"} made ${words(d.role)}`)];
    case "member_removed":
      return [text(`${str(d.userId) ?? "a person"} removed from the project`)];
    case "github_call_skipped":
      return [text(`GitHub comment skipped${str(d.message) ? `: ${cap(str(d.message)!)}` : ""}`)];
    case "github_call_failed":
      return [text(`GitHub comment failed${str(d.status) ? ` (${str(d.status)})` : ""}${str(d.message) ? `: ${cap(str(d.message)!)}` : ""}`)];
    case "imported": {
      const counts = Object.entries(d).filter(([, v]) => typeof v === "number").map(([k, v]) => `${v} ${k}`);
      return [text(`imported${counts.length ? ` ${counts.join(", ")}` : ""}`)];
    }
    default:
      return exhaustive(a.action);
  }
}

function exhaustive(action: never): Part[] {
  return [text(words(action))];
}

/** Who acted: a person, a token, a Claude Code session (linked to its page, with the tool), GitHub or the hub. */
export function describeActor(actor: string, data: Record<string, unknown> = {}): Part[] {
  const [kind, ...rest] = actor.split(":");
  const id = rest.join(":");
  const reason = str(data.reason);
  const tool = reason ? ` (${REASONS[reason] ?? cap(reason, 40)})` : "";
  switch (kind) {
    case "claude":
      return id ? [sessionPart(id), text(tool)] : [text("Claude Code")];
    case "user":
      return [text(`user ${cap(id, 40)}`)];
    case "token":
      return [text(id === "admin" ? "admin" : `token ${cap(id, 12)}`)];
    case "github":
      return [text(`GitHub ${cap(id, 40)}`)];
    case "admin":
      return [text("admin")];
    case "system":
      return [text("taskhub")];
    default:
      return [text(cap(actor, 40))];
  }
}

/** An activity row as a sentence; fields the sentence does not use are named ("also: x, y"), not printed. */
export function describeActivity(a: Pick<Activity, "action" | "actor" | "data">): ActivityDescription {
  const parts = what(a);
  const said = new Set(a.action.startsWith("pull_request_") ? LINK_KEYS : (SAID[a.action] ?? []));
  const other = a.action === "imported" ? [] : Object.keys(a.data ?? {}).filter((k) => !said.has(k));
  if (other.length) parts.push(text(` · also ${other.slice(0, 5).map((k) => cap(k, 24)).join(", ")}${other.length > 5 ? "…" : ""}`));
  return { what: parts, by: describeActor(a.actor, a.data ?? {}) };
}

const SESSION_KINDS: Partial<Record<TaskSource["kind"], string>> = {
  todowrite: "TodoWrite list",
  "task-tool": "Task tools",
  prose: "prose",
  compaction: "compaction summary",
};

/** Where a task came from, linked to it where it has a page. */
export function describeSource(source: TaskSource): Part[] {
  const ref = source.ref ?? "";
  const how = SESSION_KINDS[source.kind];
  if (how) return ref ? [sessionPart(ref), text(` (${how})`)] : [text(`a Claude Code session (${how})`)];
  switch (source.kind) {
    case "github-issue":
      return [link(ref.match(/\/issues\/(\d+)$/) ? `GitHub issue #${ref.match(/\/issues\/(\d+)$/)![1]}` : "GitHub issue", ref)];
    case "import":
      return [text(ref ? `tracker import ${cap(ref, 60)}` : "tracker import")];
    case "manual":
      return [text("by hand")];
    default:
      return [ref ? link(`${words(source.kind)} ${cap(ref, 60)}`, ref) : text(words(source.kind))];
  }
}
