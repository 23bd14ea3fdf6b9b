// Builds the Hono app: request ids, services, authentication, the error shape, and the routes in order.

import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Env } from "./config";
import { authenticate } from "./http/auth";
import type { AppEnv } from "./http/context";
import { ApiError, errorResponse } from "./http/errors";
import { contextRoute } from "./routes/api/context";
import { projects } from "./routes/api/projects";
import { tasks } from "./routes/api/tasks";
import { tokens } from "./routes/api/tokens";
import { bench } from "./routes/bench";
import { claude } from "./routes/claude";
import { board } from "./routes/dashboard/board";
import { login } from "./routes/dashboard/login";
import { github } from "./routes/github";
import { health } from "./routes/health";
import { getServices } from "./services";

export function createApp() {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("requestId", c.req.header("cf-ray") ?? crypto.randomUUID());
    c.set("services", getServices(c.env as Env));
    await next();
    c.header("x-request-id", c.get("requestId"));
  });
  app.use("*", secureHeaders());
  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) => errorResponse(c, new ApiError(404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`)));

  // Webhooks authenticate by signature, everything else by token or session cookie.
  app.route("/", health);
  app.route("/", github);
  app.use("*", authenticate);
  app.route("/", claude);
  app.route("/", projects);
  app.route("/", tasks);
  app.route("/", tokens);
  app.route("/", contextRoute);
  app.route("/", bench);
  app.route("/", login);
  app.route("/", board);
  return app;
}
