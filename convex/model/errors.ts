// Domain errors that cross the wire: ConvexError data the adapter turns back into StoreError.

import { ConvexError, type Value } from "convex/values";

export type StoreErrorCode = "not_found" | "conflict" | "invalid" | "cycle";

export function storeError(code: StoreErrorCode, message: string, details?: Value) {
  return new ConvexError({ code, message, ...(details === undefined ? {} : { details }) });
}
