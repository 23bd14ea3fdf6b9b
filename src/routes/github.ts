// POST /webhooks/github: verify the signature, put the delivery on the ingress queue, answer within GitHub's budget.

import { Hono } from "hono";
import { planGitHubEvent, WORKFLOW_EVENTS } from "../domain/github-events";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { acceptDelivery } from "../app/ingress";
import { limitBody } from "../http/ingest";
import { verifyGitHubSignature } from "../http/signature";
import { sha256Hex } from "../http/tokens";

const utf8 = new TextDecoder();

export const github = new Hono<AppEnv>().post("/webhooks/github", limitBody, async (c) => {
  const s = c.get("services");
  const secrets = [s.config.GITHUB_WEBHOOK_SECRET, s.config.GITHUB_WEBHOOK_SECRET_PREVIOUS].filter((x): x is string => !!x);
  if (!secrets.length) throw new ApiError(503, "not_configured", "GITHUB_WEBHOOK_SECRET is not set on the hub");
  const bytes = new Uint8Array(await c.req.arrayBuffer()); // signed, hashed and decoded from the one copy
  const signature = c.req.header("x-hub-signature-256");
  // SHA-1 (X-Hub-Signature) alone is not accepted: it is the legacy, weaker scheme.
  if (!signature?.startsWith("sha256=")) throw new ApiError(401, "signature_missing", "X-Hub-Signature-256 is required");
  if (!(await verifyGitHubSignature(secrets, bytes, signature))) {
    throw new ApiError(401, "signature_invalid", "X-Hub-Signature-256 does not match the body");
  }
  const delivery = c.req.header("x-github-delivery");
  const event = c.req.header("x-github-event");
  if (!delivery || !event) throw new ApiError(400, "invalid_request", "X-GitHub-Delivery and X-GitHub-Event are required");
  let payload: unknown;
  try {
    payload = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new ApiError(400, "malformed_json", "The body is not valid JSON");
  }
  const plan = planGitHubEvent(event, payload);
  if (plan.kind === "pong") return c.json({ ok: true, pong: true }, 200);
  const deliveryId = `github:${delivery}`;
  // A signed body replayed under a fresh X-GitHub-Delivery is still the same delivery.
  const bodyHash = await sha256Hex(bytes);
  // Lifecycle events are kept for the record (which installation added which repositories); others are noted as ignored.
  const outcome = await acceptDelivery(s, {
    deliveryId,
    source: "github",
    event,
    payload: plan.kind === "ignore" ? null : plan.payload,
    bodyHash,
    ...(plan.kind === "workflow"
      ? { emit: { name: WORKFLOW_EVENTS[plan.event], data: { deliveryId } } }
      : { settled: plan.kind === "record" ? { status: "processed" as const, error: null } : { status: "ignored" as const, error: plan.reason } }),
  }, (work) => c.executionCtx.waitUntil(work));
  const ignored = plan.kind === "ignore" ? { ignored: true, reason: plan.reason } : {};
  const duplicate = outcome === "duplicate";
  return c.json({ ok: true, duplicate, queued: outcome === "queued", deliveryId, event, ...ignored }, duplicate ? 200 : 202);
});
