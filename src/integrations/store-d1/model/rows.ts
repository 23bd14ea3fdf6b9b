// Row shapes of the D1 tables and their mapping to domain types.

import type { Activity, ActivityAction } from "../../../domain/activity";
import { OPEN_STATUSES, type Task } from "../../../domain/tasks";
import type { Delivery, EmailRecord, Project, TokenRecord } from "../../../ports/store";

/** A list of domain constants as SQL: `('todo','in_progress','review')`, declared once in src/domain. */
export const sqlList = (values: readonly string[]) => `(${values.map((x) => `'${x}'`).join(",")})`;
export const OPEN_SQL = sqlList(OPEN_STATUSES);

const json = <T>(s: string | null | undefined, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);

export const TASK_COLUMNS = `t.id, t.project_id, p.key AS project_key, t.number, t.title, t.title_norm, t.description, t.status,
  t.priority, t.assignee_id, t.creator_id, t.due_at, t.tags, t.estimated_hours, t.source_kind, t.source_ref,
  t.session_id, t.chain, t.external_key, t.parent_id, t.created_at, t.updated_at, t.completed_at, t.version`;

export type TaskRow = {
  id: string; project_id: string; project_key: string; number: number; title: string; title_norm: string;
  description: string | null; status: Task["status"]; priority: Task["priority"]; assignee_id: string | null;
  creator_id: string | null; due_at: string | null; tags: string; estimated_hours: number | null;
  source_kind: Task["source"]["kind"]; source_ref: string | null; session_id: string | null; chain: string | null;
  external_key: string | null; parent_id: string | null; created_at: string; updated_at: string; completed_at: string | null; version: number;
};

export function toTask(r: TaskRow): Task {
  return {
    id: r.id,
    projectId: r.project_id,
    projectKey: r.project_key,
    number: r.number,
    key: `${r.project_key}-${r.number}`,
    title: r.title,
    description: r.description,
    status: r.status,
    priority: r.priority,
    assigneeId: r.assignee_id,
    creatorId: r.creator_id,
    dueAt: r.due_at,
    tags: json<string[]>(r.tags, []),
    estimatedHours: r.estimated_hours,
    source: { kind: r.source_kind, ...(r.source_ref ? { ref: r.source_ref } : {}) },
    externalKey: r.external_key,
    parentId: r.parent_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
    version: r.version,
  };
}

export type ProjectRow = {
  id: string; key: string; name: string; description: string | null; status: Project["status"];
  repos: string; paths: string; settings: string; created_at: string; updated_at: string;
};

export function toProject(r: ProjectRow): Project {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    status: r.status,
    repos: json<string[]>(r.repos, []),
    paths: json<string[]>(r.paths, []),
    settings: json<Record<string, unknown>>(r.settings, {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type TokenRow = {
  id: string; user_id: string | null; name: string; scopes: string; projects: string | null; created_at: string;
  last_used_at: string | null; revoked_at: string | null; expires_at: string | null;
};

export function toToken(r: TokenRow): TokenRecord {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    scopes: json(r.scopes, []),
    projects: r.projects ? json(r.projects, []) : null,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    expiresAt: r.expires_at,
  };
}

export const ACTIVITY_COLUMNS = `a.id, a.at, a.actor, a.action, a.task_id, p.key || '-' || t.number AS task_key, a.project_id, a.data`;
export const ACTIVITY_FROM = `FROM activity a LEFT JOIN tasks t ON t.id = a.task_id LEFT JOIN projects p ON p.id = t.project_id`;

export type ActivityRow = {
  id: number; at: string; actor: string; action: ActivityAction; task_id: string | null; task_key: string | null;
  project_id: string | null; data: string;
};

export function toActivity(r: ActivityRow): Activity {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    taskId: r.task_id,
    taskKey: r.task_key,
    projectId: r.project_id,
    data: json(r.data, {}),
  };
}

export type DeliveryRow = {
  id: string; source: string; event: string; status: Delivery["status"]; error: string | null;
  payload: string | null; received_at: string;
};

export const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  source: r.source,
  event: r.event,
  status: r.status,
  error: r.error,
  payload: r.payload,
  receivedAt: r.received_at,
});

export type EmailRow = {
  id: string; to_address: string; user_id: string | null; kind: EmailRecord["kind"]; task_id: string | null; subject: string;
  html: string; text: string; headers: string; idempotency_key: string; status: EmailRecord["status"];
  provider_id: string | null; error: string | null; created_at: string;
};

export const toEmail = (r: EmailRow): EmailRecord => ({
  id: r.id,
  to: r.to_address,
  userId: r.user_id,
  kind: r.kind,
  taskId: r.task_id,
  subject: r.subject,
  html: r.html,
  text: r.text,
  headers: json(r.headers, {}),
  idempotencyKey: r.idempotency_key,
  status: r.status,
  providerId: r.provider_id,
  error: r.error,
  createdAt: r.created_at,
});
