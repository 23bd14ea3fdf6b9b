// Builds the adapters the config picked, once per isolate and environment, for routes and workflows.

import { loadConfig, type Config, type Env } from "./config";
import { worst, type Health } from "./domain/circuit";
import { isolateBreaker, withBreaker, type Breaker } from "./integrations/circuit-breaker";
import { CloudflareEngine } from "./integrations/engine-cloudflare";
import { LaunchLimit } from "./integrations/engine-cloudflare/launch-limit";
import { InngestEngine, inngestApi } from "./integrations/engine-inngest";
import { DisabledGitHub } from "./integrations/github-disabled";
import { OctokitGitHub } from "./integrations/github-octokit";
import { createInngestClient } from "./integrations/inngest-client";
import { OutboxMailer } from "./integrations/mailer-outbox";
import { ResendMailer } from "./integrations/mailer-resend";
import { CloudflareQueue } from "./integrations/queue-cloudflare";
import { D1Store } from "./integrations/store-d1";
import { ConvexStore } from "./integrations/store-convex";
import type { Engine } from "./ports/engine";
import type { GitHub } from "./ports/github";
import { RetryableMailError, type Mailer } from "./ports/mailer";
import type { Services } from "./ports/services";
import { StoreError, type Store } from "./ports/store";
import { workflows } from "./workflows";

export type { Services };

function pickStore(config: Config, env: Env): Store {
  switch (config.store) {
    case "d1":
      return new D1Store(env.DB);
    case "convex":
      return new ConvexStore(config.CONVEX_URL!, config.HUB_CONVEX_SECRET!); // loadConfig refused the stack without both
  }
}

function pickEngine(config: Config, env: Env): Engine {
  switch (config.engine) {
    case "cloudflare":
      return new CloudflareEngine(env.WORKFLOWS, workflows, config.WORKFLOW_LAUNCH_LIMIT ? new LaunchLimit(env.DB, config.WORKFLOW_LAUNCH_LIMIT) : undefined);
    case "inngest":
      return new InngestEngine(createInngestClient(config), workflows, inngestApi(config));
  }
}

function pickMailer(config: Config, store: Store): Mailer {
  switch (config.mailer) {
    case "outbox":
      return new OutboxMailer(store);
    case "resend":
      return new ResendMailer(config.RESEND_API_KEY!, config.MAIL_FROM, store); // loadConfig refuses resend without a key
  }
}

function pickGitHub(config: Config): GitHub {
  switch (config.github) {
    case "disabled":
      return new DisabledGitHub();
    case "octokit":
      return new OctokitGitHub(config.GITHUB_TOKEN!);
  }
}

/**
 * The vendors behind the network (Convex, Resend, GitHub) go through a circuit breaker, one per isolate:
 * after 5 straight failures calls wait 30 s (a retryable error, so workflow steps back off) and one probe tests the way.
 * The local ones (D1, the outbox, Cloudflare Workflows) have none and always report ok.
 */
const BREAKERS = {
  convex: () => isolateBreaker("convex", { isFailure: (e) => !(e instanceof StoreError) }),
  resend: () => isolateBreaker("resend", { refuse: (a, ms) => new RetryableMailError(`${a} is unavailable (circuit open)`, Math.ceil(ms / 1000)) }),
  octokit: () => isolateBreaker("github"),
};

const guard = <T extends object>(adapter: T, breaker: Breaker | null): T => (breaker ? withBreaker(adapter, breaker) : adapter);
const healthOf = (breaker: Breaker | null): Health => breaker?.health() ?? "ok";

export function buildServices(env: Env): Services {
  const config = loadConfig(env);
  const breakers = {
    store: config.store === "convex" ? BREAKERS.convex() : null,
    mailer: config.mailer === "resend" ? BREAKERS.resend() : null,
    github: config.github === "octokit" ? BREAKERS.octokit() : null,
  };
  const store = guard(pickStore(config, env), breakers.store);
  return {
    config,
    store,
    engine: pickEngine(config, env),
    mailer: guard(pickMailer(config, store), breakers.mailer),
    github: guard(pickGitHub(config), breakers.github),
    queue: env.INGRESS ? new CloudflareQueue(env.INGRESS) : null,
    health() {
      const parts = { store: healthOf(breakers.store), engine: "ok" as Health, mailer: healthOf(breakers.mailer), github: healthOf(breakers.github) };
      return { status: worst(Object.values(parts)), ...parts };
    },
  };
}

const cache = new WeakMap<object, Services>();

/** Services are built once per env object: per-request set-up costs every request. */
export function getServices(env: Env): Services {
  let s = cache.get(env);
  if (!s) cache.set(env, (s = buildServices(env)));
  return s;
}
