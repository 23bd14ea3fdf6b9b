// The one typed Hono context: bindings, the services, the request id and who is asking.

import type { Env } from "../config";
import type { Scope } from "../ports/store";
import type { Services } from "../ports/services";

export interface Principal {
  /** "admin" for HUB_ADMIN_TOKEN, else the token's id. */
  tokenId: string;
  userId: string | null;
  scopes: Scope[];
  name: string;
  /** The project keys this token is limited to (tokens.projects), on every surface; null or absent for every project. */
  projects?: string[] | null;
}

export type AppEnv = {
  Bindings: Env;
  Variables: { services: Services; requestId: string; principal: Principal | null; secureHeadersNonce?: string };
};
