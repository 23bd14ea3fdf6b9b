// The only place that reads the environment: validates it and decides which adapters run.

import { z } from "zod";

/**
 * The bindings wrangler.toml declares, as `npm run types` generates them (worker-configuration.d.ts), plus the
 * variables and secrets varsSchema reads from the same object.
 */
export type Env = Cloudflare.Env & { [name: string]: unknown };

const optional = z.string().trim().min(1).optional().catch(undefined);

export const varsSchema = z.object({
  STORE: z.enum(["d1", "convex"]).optional(),
  ENGINE: z.enum(["cloudflare", "inngest"]).optional(),
  MAILER: z.enum(["outbox", "resend"]).optional(),
  HUB_ADMIN_TOKEN: optional,
  GITHUB_WEBHOOK_SECRET: optional,
  GITHUB_WEBHOOK_SECRET_PREVIOUS: optional,
  GITHUB_TOKEN: optional,
  CONVEX_URL: optional,
  HUB_CONVEX_SECRET: optional,
  INNGEST_EVENT_KEY: optional,
  INNGEST_SIGNING_KEY: optional,
  INNGEST_DEV: optional,
  RESEND_API_KEY: optional,
  MAIL_FROM: z.string().default("taskhub <taskhub@localhost>"),
  PUBLIC_URL: optional,
  /** Signs unsubscribe links and session cookies; falls back to the admin token. */
  HUB_SECRET: optional,
  /** Writes a minute per token on /api (429 with Retry-After beyond). */
  RATE_LIMIT_WRITES: z.coerce.number().int().positive().default(120).catch(120),
  /** GitHub OAuth app for dashboard sign-in; both set turns "Sign in with GitHub" on. */
  GITHUB_CLIENT_ID: optional,
  GITHUB_CLIENT_SECRET: optional,
  /**
   * Cloudflare engine: deliveries start runs only while fewer than this many runs are alive (running, or ended
   * under a minute ago; integrations/engine-cloudflare/launch-limit.ts); the rest wait, recorded, for the re-emit
   * sweep. `npm run dev` sets it (local Workflows holds each run's database open after it ends, until the runtime
   * reloads); unset, as in production, nothing is held back or counted.
   */
  WORKFLOW_LAUNCH_LIMIT: z.coerce.number().int().positive().optional().catch(undefined),
});

export type Vars = z.infer<typeof varsSchema>;

export interface Config extends Vars {
  store: "d1" | "convex";
  engine: "cloudflare" | "inngest";
  mailer: "outbox" | "resend";
  github: "octokit" | "disabled";
}

export class ConfigError extends Error {}

/** Explicit STORE/ENGINE/MAILER win; otherwise the presence of a provider's settings picks it (DESIGN.md §3). */
export function loadConfig(env: Record<string, unknown>): Config {
  const vars = varsSchema.parse(env);
  const store = vars.STORE ?? (vars.CONVEX_URL ? "convex" : "d1");
  const engine = vars.ENGINE ?? (vars.INNGEST_EVENT_KEY || vars.INNGEST_DEV ? "inngest" : "cloudflare");
  const mailer = vars.MAILER ?? (vars.RESEND_API_KEY ? "resend" : "outbox");
  const missing: string[] = [];
  if (store === "convex" && !vars.CONVEX_URL) missing.push("CONVEX_URL");
  if (store === "convex" && !vars.HUB_CONVEX_SECRET) missing.push("HUB_CONVEX_SECRET");
  if (engine === "inngest" && !vars.INNGEST_DEV && !vars.INNGEST_EVENT_KEY) missing.push("INNGEST_EVENT_KEY");
  if (engine === "inngest" && !vars.INNGEST_DEV && !vars.INNGEST_SIGNING_KEY) missing.push("INNGEST_SIGNING_KEY");
  if (mailer === "resend" && !vars.RESEND_API_KEY) missing.push("RESEND_API_KEY");
  if (missing.length) throw new ConfigError(`Half-configured stack (store=${store}, engine=${engine}, mailer=${mailer}): set ${missing.join(", ")}`);
  return { ...vars, store, engine, mailer, github: vars.GITHUB_TOKEN ? "octokit" : "disabled" };
}
