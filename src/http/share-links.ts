// Making a shared link from a request: a fresh secret (only its hash reaches the use case) and the link's full address.

import type { Context } from "hono";
import { createShareLink } from "../app/shared-links";
import { sharePath, type SharedLink } from "../domain/shared-links";
import type { AppEnv } from "./context";
import { useCaseOf } from "./permissions";
import { generateToken, sha256Hex } from "./tokens";

export async function mintShareLink(c: Context<AppEnv>, projectKey: string, input: { label?: string; days?: string | number }): Promise<{ link: SharedLink; url: string }> {
  const secret = generateToken().slice(3); // the th_ prefix names API tokens; a link's secret is only hex
  const link = await createShareLink(useCaseOf(c), projectKey, { ...input, secretHash: await sha256Hex(secret) });
  const origin = c.get("services").config.PUBLIC_URL ?? new URL(c.req.url).origin;
  return { link, url: `${origin.replace(/\/$/, "")}${sharePath(link.id, secret)}` };
}
