// The only place that reads the environment: validates it and decides which adapters run.

import { z } from "zod";

/**
 * The bindings wrangler.toml declares, as `npm run types` generates them (worker-configuration.d.ts), plus the
 * variables and secrets varsSchema reads from the same object.
 */
export type Env = Cloudflare.Env & {
  /** Workers Analytics Engine: one data point per request when bound (README "Metrics"); optional, so unbound is fine. */
  ANALYTICS?: AnalyticsEngineDataset;
  [name: string]: unknown;
};

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
  /** Writes a minute per token: REST, MCP and dashboard forms (429 with Retry-After beyond). */
  RATE_LIMIT_WRITES: z.coerce.number().int().positive().default(120).catch(120),
  /** Posts a minute per token to /transcripts and /hooks/claude: hooks are chatty, so their own, larger budget. */
  RATE_LIMIT_INGEST: z.coerce.number().int().positive().default(600).catch(600),
  /** How long a sign-in (a dashboard session, by token or GitHub) lasts before its token expires. */
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12).catch(12),
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
  if (vars.INNGEST_DEV) refuseRemoteInngestDev(vars);
  if (missing.length) throw new ConfigError(`Half-configured stack (store=${store}, engine=${engine}, mailer=${mailer}): set ${missing.join(", ")}`);
  return { ...vars, store, engine, mailer, github: vars.GITHUB_TOKEN ? "octokit" : "disabled" };
}

/**
 * INNGEST_DEV makes the Inngest SDK skip signature checks, so it is only for a hub on this machine: never beside a
 * signing key (a deployed hub), never with a PUBLIC_URL elsewhere; routes/inngest.ts refuses non-loopback requests too.
 */
function refuseRemoteInngestDev(vars: Vars) {
  if (vars.INNGEST_SIGNING_KEY) throw new ConfigError("INNGEST_DEV turns Inngest's signature checks off: unset it where INNGEST_SIGNING_KEY is set");
  const host = vars.PUBLIC_URL ? hostnameOf(vars.PUBLIC_URL) : "localhost";
  if (!hostIsLoopback(host)) throw new ConfigError(`INNGEST_DEV is only for a hub on loopback; PUBLIC_URL is ${vars.PUBLIC_URL}`);
}

/** localhost, 127.0.0.0/8 and ::1 only: names that merely start like them (localhost.evil.com) are not. */
export function hostIsLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(h);
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}
