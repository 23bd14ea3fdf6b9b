// Whether a delivery's run may start now: ingress and the re-emit sweep ask before emitting (WORKFLOW_LAUNCH_LIMIT).

import { launchRoom, liveSince } from "../domain/launch-window";
import type { Services } from "../services";

/** How many of `wanted` delivery runs may start now; all of them without a limit (or on Inngest, which queues). */
export async function deliveryRunRoom(s: Services, wanted: number): Promise<number> {
  const limit = s.config.engine === "cloudflare" ? s.config.WORKFLOW_LAUNCH_LIMIT : undefined;
  if (limit === undefined || wanted === 0) return wanted;
  return launchRoom(await s.store.deliveryRunsAlive(liveSince(Date.now()), limit), limit, wanted);
}
