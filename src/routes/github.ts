// POST /webhooks/github: verify the signature, record the delivery once, emit, answer within GitHub's budget.

import { verifyWithFallback } from "@octokit/webhooks-methods";
import { Hono } from "hono";
import { compactPush, HANDLED_EVENTS } from "../domain/github-events";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { limitBody, recordAndEmit } from "../http/ingest";

export const github = new Hono<AppEnv>().post("/webhooks/github", limitBody, async (c) => {
  const s = c.get("services");
  const secrets = [s.config.GITHUB_WEBHOOK_SECRET, s.config.GITHUB_WEBHOOK_SECRET_PREVIOUS].filter((x): x is string => !!x);
  if (!secrets.length) throw new ApiError(503, "not_configured", "GITHUB_WEBHOOK_SECRET is not set on the hub");
  const body = await c.req.text();
  const signature = c.req.header("x-hub-signature-256");
  // SHA-1 (X-Hub-Signature) alone is not accepted: it is the legacy, weaker scheme.
  if (!signature?.startsWith("sha256=")) throw new ApiError(401, "signature_missing", "X-Hub-Signature-256 is required");
  if (!(await verifyWithFallback(secrets[0], body, signature, secrets.slice(1)))) {
    throw new ApiError(401, "signature_invalid", "X-Hub-Signature-256 does not match the body");
  }
  const deliveryId = c.req.header("x-github-delivery");
  const event = c.req.header("x-github-event");
  if (!deliveryId || !event) throw new ApiError(400, "invalid_request", "X-GitHub-Delivery and X-GitHub-Event are required");
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new ApiError(400, "malformed_json", "The body is not valid JSON");
  }
  const name = HANDLED_EVENTS[event as keyof typeof HANDLED_EVENTS];
  if (!name) return c.json({ ok: true, ignored: true, event }, 202);
  const outcome = await recordAndEmit(s, {
    deliveryId: `github:${deliveryId}`,
    source: "github",
    event,
    payload: compactPush(payload),
    emit: { name, data: { deliveryId: `github:${deliveryId}` } },
  });
  return c.json({ ok: true, duplicate: outcome === "duplicate", deliveryId }, outcome === "duplicate" ? 200 : 202);
});
