// The one Inngest client: built from the config (Workers have no process.env to read keys from).

import { Inngest } from "inngest";
import type { Config } from "../config";

export const INNGEST_APP_ID = "taskhub";

export type InngestClient = Inngest;

/** INNGEST_DEV is "1" for the local dev server, or its URL when it listens elsewhere. */
export function createInngestClient(config: Pick<Config, "INNGEST_DEV" | "INNGEST_EVENT_KEY" | "INNGEST_SIGNING_KEY">, fetchImpl?: typeof fetch): InngestClient {
  const dev = config.INNGEST_DEV;
  return new Inngest({
    id: INNGEST_APP_ID,
    isDev: !!dev,
    baseUrl: dev && /^https?:\/\//.test(dev) ? dev : undefined,
    eventKey: config.INNGEST_EVENT_KEY ?? (dev ? "dev" : undefined),
    signingKey: config.INNGEST_SIGNING_KEY,
    fetch: fetchImpl,
  });
}
