// Maps stored docs to the domain types of src/ports/store.ts, so the functions return what the port promises.

import type { Doc } from "../_generated/dataModel";
import type { Activity, Delivery, EmailRecord, Link, Project, Task, Token, User } from "../validators";

export const toTask = (d: Doc<"tasks">): Task => ({
  id: d._id,
  projectId: d.projectId,
  projectKey: d.projectKey,
  number: d.number,
  key: `${d.projectKey}-${d.number}`,
  title: d.title,
  description: d.description,
  status: d.status,
  priority: d.priority,
  assigneeId: d.assigneeId,
  creatorId: d.creatorId,
  dueAt: d.dueAt,
  tags: d.tags,
  estimatedHours: d.estimatedHours,
  source: { kind: d.sourceKind, ...(d.sourceRef ? { ref: d.sourceRef } : {}) },
  externalKey: d.externalKey,
  parentId: d.parentId,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  completedAt: d.completedAt,
  version: d.version,
});

export const toProject = ({ _id, _creationTime, ...p }: Doc<"projects">): Project => ({ id: _id, ...p });

export const toToken = ({ _id, _creationTime, hash, projects, expiresAt, ...t }: Doc<"tokens">): Token => ({ id: _id, ...t, projects: projects ?? null, expiresAt: expiresAt ?? null });

export const toLink = ({ kind, ref, url, state, title, createdAt }: Doc<"links">): Link => ({ kind, ref, url, state, title, createdAt });

export const toActivity = ({ _id, _creationTime, seq, ...a }: Doc<"activity">): Activity => ({ id: seq, ...a });

export const toDelivery = ({ deliveryId, source, event, status, error, payload, receivedAt }: Doc<"deliveries">): Delivery => ({
  id: deliveryId, source, event, status, error, payload, receivedAt,
});

export const toEmail = ({ _id, _creationTime, updatedAt, toLower, ...e }: Doc<"emails">): EmailRecord => ({ id: _id, ...e });

export const toUser = ({ _id, _creationTime, emailLower, githubLoginLower, unsubscribed, ...u }: Doc<"users">): User => ({
  id: _id, ...u, unsubscribed: unsubscribed as User["unsubscribed"],
});
