// GET /health: each adapter's circuit (ok, degraded, down), the worst as the status, and which adapters the config picked.

import { Hono } from "hono";
import type { AppEnv } from "../http/context";

export const health = new Hono<AppEnv>().get("/health", (c) => {
  const services = c.get("services");
  const h = services.health();
  const { store, engine, mailer, github } = services;
  // Only a store that is down makes the hub unable to serve: a vendor behind a workflow is waited for.
  return c.json(
    { ...h, ok: h.store !== "down", adapters: { store: store.name, engine: engine.name, mailer: mailer.name, github: github.name } },
    h.store === "down" ? 503 : 200,
  );
});
