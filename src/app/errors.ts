// What a use case refuses, in its own terms: http/errors.ts alone turns these into status codes.

export type AppErrorCode = "unauthorized" | "forbidden" | "not_found" | "gone" | "conflict" | "invalid_request" | "unknown_assignee";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}
