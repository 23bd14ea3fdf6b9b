// The REST API's request and response schemas: validation and the OpenAPI document come from these.

import { z } from "@hono/zod-openapi";
import { SCOPES } from "../../domain/permissions";
import { PROJECT_KEY_PATTERN } from "../../domain/projects";
import { newTaskInput, priorityInput, statusInput, taskPatchInput } from "../../app/inputs";
import { DESCRIPTION_MAX, type Task } from "../../domain/tasks";

export const vStatus = statusInput.openapi("TaskStatus");
export const vPriority = priorityInput.openapi("Priority");

export const vTask = z
  .object({
    id: z.string(),
    key: z.string().openapi({ example: "HUB-12" }),
    projectKey: z.string(),
    number: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    status: vStatus,
    priority: vPriority,
    assigneeId: z.string().nullable(),
    dueAt: z.string().nullable(),
    tags: z.array(z.string()),
    estimatedHours: z.number().nullable(),
    source: z.object({ kind: z.string(), ref: z.string().optional() }),
    createdAt: z.string(),
    updatedAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .openapi("Task");

export function taskJson(t: Task): z.infer<typeof vTask> {
  return {
    id: t.id, key: t.key, projectKey: t.projectKey, number: t.number, title: t.title, description: t.description,
    status: t.status, priority: t.priority, assigneeId: t.assigneeId, dueAt: t.dueAt, tags: t.tags, estimatedHours: t.estimatedHours, source: t.source,
    createdAt: t.createdAt, updatedAt: t.updatedAt, completedAt: t.completedAt,
  };
}

/** The use cases' own inputs (src/app/inputs.ts), named for the OpenAPI document. */
export const vNewTask = newTaskInput.openapi("NewTask");
export const vTaskPatch = taskPatchInput.openapi("TaskPatch");

export const vProject = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    status: z.enum(["active", "completed", "archived"]),
    repos: z.array(z.string()),
    paths: z.array(z.string()),
    createdAt: z.string(),
  })
  .openapi("Project");

export const vNewProject = z
  .object({
    key: z.string().regex(PROJECT_KEY_PATTERN, "2–10 capital letters or digits, starting with a letter").openapi({ example: "HUB" }),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(DESCRIPTION_MAX).nullish(),
    repos: z.array(z.string().regex(/^[\w.-]+\/[\w.-]+$/, "owner/name")).max(50).default([]),
    paths: z.array(z.string().startsWith("/", "an absolute path")).max(50).default([]),
    move: z.boolean().optional().openapi({ description: "admin only: take the repos and paths from the projects holding them" }),
  })
  .openapi("NewProject");

export const vProjectPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(DESCRIPTION_MAX).nullish(),
    status: z.enum(["active", "completed", "archived"]).optional(),
    repos: z.array(z.string().regex(/^[\w.-]+\/[\w.-]+$/, "owner/name")).max(50).optional(),
    paths: z.array(z.string().startsWith("/", "an absolute path")).max(50).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    move: z.boolean().optional().openapi({ description: "admin only: take the repos and paths from the projects holding them" }),
  })
  .openapi("ProjectPatch");

export const vError = z
  .object({
    code: z.string(),
    message: z.string(),
    details: z.unknown(),
    timestamp: z.string(),
    requestId: z.string().nullable(),
  })
  .openapi("Error");

export const vScope = z.enum(SCOPES);

export const errorResponses = {
  400: { description: "Invalid request", content: { "application/json": { schema: vError } } },
  401: { description: "Missing or bad token", content: { "application/json": { schema: vError } } },
  403: { description: "The token lacks the scope", content: { "application/json": { schema: vError } } },
  404: { description: "Not found", content: { "application/json": { schema: vError } } },
  409: { description: "Conflict", content: { "application/json": { schema: vError } } },
  429: { description: "Too many writes; see Retry-After", content: { "application/json": { schema: vError } } },
} as const;

export const json = <T extends z.ZodType>(schema: T, description = "OK") => ({ description, content: { "application/json": { schema } } });
export const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });
