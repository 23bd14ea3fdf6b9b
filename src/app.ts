// Builds the Hono app: request ids, services, authentication, the error shape, and the routes in order.

import { Hono, type MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { Env } from "./config";
import { authenticate } from "./http/auth";
import { countRequests } from "./http/count-requests";
import type { AppEnv } from "./http/context";
import { ApiError, errorResponse } from "./http/errors";
import { sameSitePosts } from "./http/origin";
import { limitWrites } from "./http/rate-limit";
import { apiRouters } from "./routes/api";
import { claude } from "./routes/claude";
import { dashboard } from "./routes/dashboard";
import { openapi } from "./routes/docs";
import { mcp } from "./routes/mcp";
import { metricsRoute } from "./routes/metrics";
import { github } from "./routes/github";
import { health } from "./routes/health";
import { inngestRoute } from "./routes/inngest";
import { InngestEngine } from "./integrations/engine-inngest";
import { unsubscribe } from "./routes/unsubscribe";
import { getServices } from "./services";
import { workflowsByEvent } from "./workflows";

/** What every request carries: its id (answered in x-request-id) and the services. */
export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("requestId", c.req.header("cf-ray") ?? crypto.randomUUID());
  c.set("services", getServices(c.env as Env));
  await next();
  c.header("x-request-id", c.get("requestId"));
};

/**
 * Scripts only with this response's nonce (the dashboard's one inline script carries it); inline styles stay
 * allowed, since the pages and the sandboxed email previews are styled inline.
 */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: [NONCE],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

export function createApp() {
  const app = new Hono<AppEnv>();
  app.use("*", requestContext);
  app.use("*", countRequests); // after requestContext (it needs the services), before everything it counts
  app.use("*", secureHeaders({ contentSecurityPolicy: CSP }));
  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) => errorResponse(c, new ApiError(404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`)));

  // Webhooks authenticate by signature, everything else by token or session cookie.
  app.route("/", health);
  app.route("/", github);
  app.route("/", inngestRoute((s) => (s.engine instanceof InngestEngine ? s.engine.serve(s) : null))); // Inngest signs its calls with INNGEST_SIGNING_KEY
  app.use("*", authenticate);
  app.use("*", sameSitePosts);
  app.use("*", limitWrites()); // every authenticated write: ingest, REST, MCP, dashboard forms
  app.route("/", claude);
  for (const r of apiRouters) app.route("/", r);
  app.route("/", openapi(apiRouters));
  app.route("/", mcp);
  app.route("/", metricsRoute((event) => (workflowsByEvent[event as keyof typeof workflowsByEvent] ?? []).map((w) => w.id)));
  app.route("/", unsubscribe); // the signed link is the credential
  app.route("/", dashboard);
  return app;
}
