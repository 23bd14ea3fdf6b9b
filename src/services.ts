// Builds the adapters the config picked, once per isolate and environment, for routes and workflows.

import { loadConfig, type Config, type Env } from "./config";
import { CloudflareEngine } from "./integrations/engine-cloudflare";
import { DisabledGitHub } from "./integrations/github-disabled";
import { OutboxMailer } from "./integrations/mailer-outbox";
import { D1Store } from "./integrations/store-d1";
import type { Engine } from "./ports/engine";
import type { GitHub } from "./ports/github";
import type { Mailer } from "./ports/mailer";
import type { Store } from "./ports/store";
import { workflows } from "./workflows";

export interface Services {
  config: Config;
  store: Store;
  engine: Engine;
  mailer: Mailer;
  github: GitHub;
}

const cache = new WeakMap<object, Services>();

export function buildServices(env: Env): Services {
  const config = loadConfig(env);
  if (config.store !== "d1") throw new Error(`STORE=${config.store} is not available in this build`);
  if (config.engine !== "cloudflare") throw new Error(`ENGINE=${config.engine} is not available in this build`);
  if (config.mailer !== "outbox") throw new Error(`MAILER=${config.mailer} is not available in this build`);
  const store = new D1Store(env.DB);
  return {
    config,
    store,
    engine: new CloudflareEngine(env.WORKFLOWS, workflows),
    mailer: new OutboxMailer(store),
    github: new DisabledGitHub(),
  };
}

/** Services are built once per env object: per-request set-up costs every request. */
export function getServices(env: Env): Services {
  let s = cache.get(env);
  if (!s) cache.set(env, (s = buildServices(env)));
  return s;
}
