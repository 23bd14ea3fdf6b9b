// Which event a recorded delivery emits, so the runs page can show its workflows and replay a failed one.

import { z } from "zod";
import { eventSchemas, type EventName } from "./events";
import type { TaskIntent } from "./extract/types";
import { INBOX_KEY, matchProjectByCwd, normalizeRepo } from "./projects";

/** What Claude Code ingress stores with a delivery and the extract-tasks workflow reads back. */
export interface ClaudeDeliveryPayload {
  sessionId: string;
  cwd: string | null;
  gitBranch: string | null;
  intents: TaskIntent[];
}

/** "dead": the ingress queue gave up on it (src/routes/queue.ts); like "failed", worth a replay. */
export const DELIVERY_STATUSES = ["received", "emitted", "processed", "failed", "ignored", "dead"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One inbound delivery (webhook, transcript, hook) as recorded once at the door. */
export interface Delivery {
  id: string;
  source: string;
  event: string;
  status: DeliveryStatus;
  error: string | null;
  payload: string | null;
  receivedAt: string;
}

/**
 * A delivery as ingress hands it on to be stored: what the ingress queue carries, checked again when the
 * consumer takes it off (a body that is not one is a poison message). `emit` is the event envelope (JSON) it
 * starts, kept so a lost emit can be retried; one that needs no workflow carries its final `status` (and
 * `error`, the reason) instead; `bodyHash` is the SHA-256 of the signed body, so the same body under a new id
 * is a duplicate too.
 */
export const newDeliverySchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  event: z.string().min(1),
  payload: z.string().nullable(),
  at: z.string().min(1),
  emit: z.string().nullable().optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  error: z.string().nullable().optional(),
  bodyHash: z.string().nullable().optional(),
});
export type NewDelivery = z.infer<typeof newDeliverySchema>;

export function eventFor(d: { id: string; source: string; event: string; payload: string | null }): { name: EventName; data: Record<string, string> } | null {
  if (d.source === "github") {
    const name = `github/${d.event}.received`;
    return name in eventSchemas ? { name: name as EventName, data: { deliveryId: d.id } } : null;
  }
  if (d.source === "transcript" || d.source === "hook") {
    let sessionId: unknown;
    try {
      sessionId = d.payload ? (JSON.parse(d.payload) as { sessionId?: unknown }).sessionId : undefined;
    } catch {
      return null;
    }
    if (typeof sessionId !== "string") return null;
    return { name: d.source === "hook" ? "claude/hook.received" : "claude/transcript.received", data: { deliveryId: d.id, sessionId } };
  }
  return null;
}

/** A replay is a new event (a new id), so the engine runs it instead of treating it as the one already seen. */
export const replayEventId = (deliveryId: string, at: string) => `${deliveryId}:replay:${at.replace(/[^0-9]/g, "")}`;

/**
 * The projects a delivery touched, derived as its workflow derives them: a GitHub delivery's repository
 * (every project claiming it), a Claude Code delivery's cwd (the project of the longest matching path,
 * else the inbox). Empty when the delivery names neither (ignored events, installations): those are the operator's.
 */
export function deliveryProjectIds<P extends { id: string; key: string; repos: string[]; paths: string[] }>(
  d: { source: string; payload: string | null },
  projects: P[],
): string[] {
  let payload: { repo?: unknown; cwd?: unknown };
  try {
    payload = d.payload ? (JSON.parse(d.payload) as typeof payload) : {};
  } catch {
    return [];
  }
  if (!payload || typeof payload !== "object") return [];
  if (d.source === "github") {
    if (typeof payload.repo !== "string") return [];
    const repo = normalizeRepo(payload.repo);
    return projects.filter((p) => p.repos.some((r) => normalizeRepo(r) === repo)).map((p) => p.id);
  }
  if (d.source === "transcript" || d.source === "hook") {
    const cwd = typeof payload.cwd === "string" ? payload.cwd : null;
    const p = matchProjectByCwd(projects, cwd) ?? projects.find((x) => x.key === INBOX_KEY);
    return p ? [p.id] : [];
  }
  return [];
}
