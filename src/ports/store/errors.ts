// The one error a store throws for a refused operation; routes map its code to a status.

export class StoreError extends Error {
  constructor(
    readonly code: "not_found" | "conflict" | "invalid" | "cycle",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
