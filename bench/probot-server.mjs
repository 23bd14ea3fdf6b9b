// The baseline for webhook ingest: a Probot app (createNodeMiddleware, no-op push handler) on its own port.

import { createServer } from "node:http";
import { createNodeMiddleware, Probot } from "probot";

const port = Number(process.env.PORT);
// A throwaway key: the no-op handler never calls GitHub, so Probot never signs a token with it.
const probot = new Probot({ appId: 1, privateKey: process.env.PROBOT_PRIVATE_KEY, secret: process.env.WEBHOOK_SECRET, logLevel: "warn" });
const middleware = await createNodeMiddleware((app) => app.on("push", async () => {}), { probot, webhooksPath: "/webhooks/github" });
createServer(middleware).listen(port, "127.0.0.1", () => process.send?.("ready"));
