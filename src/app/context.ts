// Who is asking and with what: every use case takes this, whichever surface (REST, MCP, dashboard) called it.

import type { Asker } from "../domain/permissions";
import type { Services } from "../ports/services";

export interface Caller {
  /** What the permission rule (domain/permissions.ts) needs to know of the caller. */
  asker: Asker;
  /** How the activity log names the caller: `user:<id>` or `token:<name>`. */
  actor: string;
}

export interface UseCaseContext extends Caller {
  services: Services;
}

export const now = () => new Date().toISOString();
