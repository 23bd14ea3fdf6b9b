// The mailer contract on the Resend mailer (msw stands in for Resend's API), plus what only a real provider does: fail.

import { setupServer } from "msw/node";
import { beforeEach, describe, expect, it } from "vitest";
import { ResendMailer } from "../../src/integrations/mailer-resend";
import { D1Store } from "../../src/integrations/store-d1";
import { RetryableMailError } from "../../src/ports/mailer";
import { fakeResend } from "../support/fake-resend";
import { edgeAndD1 } from "../support/node-d1";
import { email, mailerContract } from "./mailer-contract";

const resend = fakeResend();
const server = setupServer(...resend.handlers);
const world = edgeAndD1(server);

const harness = async () => {
  const store = new D1Store(world.db());
  return { mailer: new ResendMailer("re_test_key", "taskhub <hub@example.com>", store), store, delivered: async (to: string) => resend.delivered(to) };
};

mailerContract("resend", harness);

describe("resend mailer contract: provider answers", () => {
  let h: Awaited<ReturnType<typeof harness>>;
  let to: string;
  beforeEach(async () => {
    h = await harness();
    to = `${crypto.randomUUID()}@example.com`;
  });

  it("puts the email's idempotency key on the request", async () => {
    const e = email(to);
    await h.mailer.send(e);
    expect(resend.requests.at(-1)).toMatchObject({ path: "/emails", idempotencyKey: e.idempotencyKey });
  });

  it("records the provider's id for a sent email", async () => {
    const r = await h.mailer.send(email(to));
    const [logged] = await h.store.listEmails({ to }, 10);
    expect(r.providerId).toMatch(/[0-9a-f-]{36}/);
    expect(logged).toMatchObject({ status: "sent", providerId: r.providerId });
  });

  it("splits 230 emails into batch requests of at most 100", async () => {
    const before = resend.requests.length;
    await h.mailer.sendBatch(Array.from({ length: 230 }, () => email(to)));
    expect(resend.requests.slice(before).map((r) => r.count)).toEqual([100, 100, 30]);
  }, 60_000);

  it("surfaces a 429 as retryable, carrying its retry-after", async () => {
    resend.failNext({ status: 429, name: "rate_limit_exceeded", message: "Too many requests", retryAfter: "7" });
    const err = await h.mailer.send(email(to)).catch((e) => e);
    expect(err).toBeInstanceOf(RetryableMailError);
    expect((err as RetryableMailError).retryAfterSeconds).toBe(7);
    expect(await h.store.listEmails({ to }, 10)).toHaveLength(0);
  });

  it("surfaces a 5xx as retryable and sends on the retry", async () => {
    resend.failNext({ status: 503, name: "application_error", message: "Unavailable" });
    const e = email(to);
    await expect(h.mailer.send(e)).rejects.toBeInstanceOf(RetryableMailError);
    expect((await h.mailer.send(e)).status).toBe("sent");
    expect(resend.delivered(to)).toBe(1);
  });

  it("records a refused email as failed and does not throw, so nothing retries it", async () => {
    resend.failNext({ status: 422, name: "validation_error", message: "Invalid `to` field" });
    const r = await h.mailer.send(email(to));
    expect(r.status).toBe("failed");
    const [logged] = await h.store.listEmails({ to }, 10);
    expect(logged).toMatchObject({ status: "failed", providerId: null });
    expect(logged.error).toContain("Invalid `to` field");
  });

  it("fails only the refused email of a refused batch, sending the others one by one", async () => {
    resend.failNext({ status: 422, name: "validation_error", message: "Invalid batch" }); // the batch request
    resend.failNext({ status: 422, name: "validation_error", message: "Invalid `to` field" }); // the first single send
    const results = await h.mailer.sendBatch([email(to), email(to), email(to)]);
    expect(results.map((r) => r.status)).toEqual(["failed", "sent", "sent"]);
    expect(resend.delivered(to)).toBe(2);
  });

  it("throws a retryable error for a rate-limited batch and sends it whole on the retry", async () => {
    resend.failNext({ status: 429, name: "rate_limit_exceeded", message: "Too many requests", retryAfter: "1" });
    const batch = [email(to), email(to)];
    await expect(h.mailer.sendBatch(batch)).rejects.toBeInstanceOf(RetryableMailError);
    expect((await h.mailer.sendBatch(batch)).map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(resend.delivered(to)).toBe(2);
  });
});
