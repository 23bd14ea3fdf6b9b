// /api/inngest: where Inngest syncs the app and calls its functions' steps; Inngest signs these requests itself.

import type { Context } from "hono";
import { Hono } from "hono";
import { hostIsLoopback } from "../config";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import type { Services } from "../ports/services";

/** The engine's own handler, or null when another engine runs: the composition root (app.ts) knows which adapter serves HTTP. */
export type InngestHandlerOf = (services: Services) => ((c: Context) => Promise<Response>) | null;

export const inngestRoute = (handlerOf: InngestHandlerOf) =>
  new Hono<AppEnv>().on(["GET", "PUT", "POST"], "/api/inngest", (c) => {
    const handler = handlerOf(c.get("services"));
    if (!handler) throw new ApiError(404, "not_found", "The Inngest engine is not configured (ENGINE=inngest)");
    // INNGEST_DEV makes the SDK skip signature checks: then only this machine may call (config.ts refuses it beside a key).
    const { INNGEST_DEV, INNGEST_SIGNING_KEY } = c.get("services").config;
    if (INNGEST_DEV && !INNGEST_SIGNING_KEY && !hostIsLoopback(new URL(c.req.url).hostname)) {
      throw new ApiError(403, "forbidden", "Inngest dev mode (INNGEST_DEV) answers only on localhost, 127.x or [::1]");
    }
    return handler(c);
  });
