// /api/inngest: where Inngest syncs the app and calls its functions' steps; Inngest signs these requests itself.

import type { Context } from "hono";
import { Hono } from "hono";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import type { Services } from "../ports/services";

/** The engine's own handler, or null when another engine runs: the composition root (app.ts) knows which adapter serves HTTP. */
export type InngestHandlerOf = (services: Services) => ((c: Context) => Promise<Response>) | null;

export const inngestRoute = (handlerOf: InngestHandlerOf) =>
  new Hono<AppEnv>().on(["GET", "PUT", "POST"], "/api/inngest", (c) => {
    const handler = handlerOf(c.get("services"));
    if (!handler) throw new ApiError(404, "not_found", "The Inngest engine is not configured (ENGINE=inngest)");
    return handler(c);
  });
