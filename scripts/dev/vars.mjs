// The dev Worker's variables: secrets from the environment or kept in the state dir, the stack's settings passed through, written to an env file.

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Settings taken from the developer's environment as they are, when set. */
const PASSTHROUGH = ["WORKFLOW_LAUNCH_LIMIT", "STORE", "ENGINE", "MAILER", "GITHUB_TOKEN", "GITHUB_WEBHOOK_SECRET_PREVIOUS", "CONVEX_URL", "HUB_CONVEX_SECRET", "INNGEST_DEV", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "RESEND_API_KEY", "MAIL_FROM", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "RATE_LIMIT_WRITES"];

/** A secret from the environment, else the one generated on an earlier run, else a new one kept for next time. */
export function persistentSecret(stateDir, name, prefix) {
  if (process.env[name]) return { value: process.env[name], source: "environment" };
  const file = join(stateDir, `taskhub-${name.toLowerCase()}`);
  if (existsSync(file)) return { value: readFileSync(file, "utf8").trim(), source: file };
  const value = `${prefix}${randomBytes(24).toString("hex")}`;
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file, value, { mode: 0o600 });
  return { value, source: "generated" };
}

/**
 * The secrets and variables, written where wrangler reads them: secrets reach it through an env file, never the
 * command line (visible in `ps`). Returns the file and the secrets the banner shows.
 */
export function writeDevVars({ stateDir, base, launchLimit }) {
  const admin = persistentSecret(stateDir, "HUB_ADMIN_TOKEN", "th_admin_");
  const webhook = persistentSecret(stateDir, "GITHUB_WEBHOOK_SECRET", "whsec_");
  const hubSecret = persistentSecret(stateDir, "HUB_SECRET", "");
  const vars = {
    WORKFLOW_LAUNCH_LIMIT: String(launchLimit),
    HUB_ADMIN_TOKEN: admin.value,
    GITHUB_WEBHOOK_SECRET: webhook.value,
    HUB_SECRET: hubSecret.value,
    PUBLIC_URL: process.env.PUBLIC_URL ?? base,
    ...Object.fromEntries(PASSTHROUGH.filter((k) => process.env[k]).map((k) => [k, process.env[k]])),
  };
  const envFile = join(stateDir, "taskhub-dev.env");
  writeFileSync(envFile, Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join("\n") + "\n", { mode: 0o600 });
  return { envFile, admin, webhook };
}
