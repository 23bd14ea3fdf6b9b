// What routes, use cases and workflows are handed: the config and the adapters it picked (built in src/services.ts).

import type { Config } from "../config";
import type { Health } from "../domain/circuit";
import type { Engine } from "./engine";
import type { GitHub } from "./github";
import type { Mailer } from "./mailer";
import type { DeliveryQueue } from "./queue";
import type { Store } from "./store";

export interface Services {
  config: Config;
  store: Store;
  engine: Engine;
  mailer: Mailer;
  github: GitHub;
  /** The ingress queue; null where the Worker has no INGRESS binding, and ingress then stores at the door. */
  queue: DeliveryQueue | null;
  /** Each vendor's circuit (ok, degraded, down) in this isolate, and the worst of them. */
  health(): ServicesHealth;
}

export interface ServicesHealth {
  status: Health;
  store: Health;
  engine: Health;
  mailer: Health;
  github: Health;
}
