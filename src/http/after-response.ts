// Work that must run to its end after the response is sent: the Worker's waitUntil, where there is one.

import type { Context } from "hono";
import type { AppEnv } from "./context";

/**
 * Hands work to waitUntil, so it runs on after the response and after the client goes away (on Workers a
 * disconnect cancels whatever the request still awaits); elsewhere (app.request in node) the work is returned
 * for the caller to await.
 */
export function afterResponse(c: Context<AppEnv>, work: Promise<unknown>): Promise<unknown> | undefined {
  try {
    c.executionCtx.waitUntil(work);
    return undefined;
  } catch {
    return work;
  }
}
