// One error shape for every failure: { code, message, details, timestamp, requestId } with the right status.

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { AppError, type AppErrorCode } from "../app/errors";
import { StoreError } from "../ports/store";
import type { AppEnv } from "./context";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const STORE_STATUS: Record<StoreError["code"], [ContentfulStatusCode, string]> = {
  not_found: [404, "not_found"],
  conflict: [409, "conflict"],
  cycle: [409, "dependency_cycle"],
  invalid: [400, "invalid_request"],
};

/** The one place a use case's refusal becomes a status code. */
const APP_STATUS: Record<AppErrorCode, ContentfulStatusCode> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  invalid_request: 400,
  unknown_assignee: 400,
};

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  // Hono's own refusals (a JSON body that does not parse reaches the validator as this) keep their 4xx.
  if (err instanceof HTTPException && err.status < 500) return new ApiError(err.status, err.status === 400 ? "malformed_json" : "invalid_request", err.message);
  if (err instanceof ZodError) return new ApiError(400, "invalid_request", "The request does not match the schema", err.issues);
  if (err instanceof AppError) return new ApiError(APP_STATUS[err.code], err.code, err.message, err.details);
  if (err instanceof StoreError) {
    const [status, code] = STORE_STATUS[err.code];
    return new ApiError(status, code, err.message, err.details ?? null);
  }
  return new ApiError(500, "internal_error", "Something went wrong on our side");
}

export function errorResponse(c: Context<AppEnv>, err: unknown) {
  const e = toApiError(err);
  // Unexpected failures are logged by message only: a payload or header could hold a secret.
  if (e.status >= 500) console.error(`[${c.get("requestId")}] ${(err as Error)?.name}: ${(err as Error)?.message}`);
  for (const [k, v] of Object.entries(e.headers)) c.header(k, v);
  return c.json(
    { code: e.code, message: e.message, details: e.details, timestamp: new Date().toISOString(), requestId: c.get("requestId") ?? null },
    e.status,
  );
}
