// The dashboard's banner when a vendor's circuit is not ok: what is degraded or down, and that work waits rather than fails.

import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../http/context";
import type { ServicesHealth } from "../../ports/services";

/**
 * The circuits are per isolate, so the page frame reads them from the isolate: the middleware points at this
 * isolate's services (every request of an isolate shares the same breakers) and the layout asks at render time.
 */
let current: (() => ServicesHealth) | null = null;

export const trackHealth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const services = c.get("services");
  current = () => services.health();
  await next();
};

const PARTS = ["store", "engine", "mailer", "github"] as const;

export function HealthBanner() {
  const h = current?.();
  if (!h || h.status === "ok") return null;
  const bad = PARTS.filter((p) => h[p] !== "ok").map((p) => `${p} ${h[p]}`);
  return (
    <div class="panel banner" role="status">
      Some services are having trouble ({bad.join(", ")}). Work waits and retries; nothing is lost.
    </div>
  );
}
