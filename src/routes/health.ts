// GET /health: is the hub up, and which adapters did the config pick.

import { Hono } from "hono";
import type { AppEnv } from "../http/context";

export const health = new Hono<AppEnv>().get("/health", (c) => {
  const { store, engine, mailer, github } = c.get("services");
  return c.json({ ok: true, store: store.name, engine: engine.name, mailer: mailer.name, github: github.name });
});
