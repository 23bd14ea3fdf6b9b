// /api/inngest: where Inngest syncs the app and calls its functions' steps; Inngest signs these requests itself.

import { Hono } from "hono";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { InngestEngine } from "../integrations/engine-inngest";

export const inngest = new Hono<AppEnv>().on(["GET", "PUT", "POST"], "/api/inngest", (c) => {
  const services = c.get("services");
  if (!(services.engine instanceof InngestEngine)) throw new ApiError(404, "not_found", "The Inngest engine is not configured (ENGINE=inngest)");
  return services.engine.serve(services)(c);
});
