// The circuit breaker around the real Resend mailer (msw stands in for Resend): five failures open it, a cool-down lets one probe through.

import { setupServer } from "msw/node";
import { expect, it } from "vitest";
import { Breaker, withBreaker } from "../../src/integrations/circuit-breaker";
import { ResendMailer } from "../../src/integrations/mailer-resend";
import { D1Store } from "../../src/integrations/store-d1";
import { RetryableMailError } from "../../src/ports/mailer";
import { email } from "../contract/mailer-contract";
import { fakeResend } from "../support/fake-resend";
import { edgeAndD1 } from "../support/node-d1";

const resend = fakeResend();
const server = setupServer(...resend.handlers);
const world = edgeAndD1(server);

it("Resend failing 5 times opens the circuit, which half-opens after 30 s and closes when the probe is sent", async () => {
  let now = 1_000_000;
  const breaker = new Breaker("resend", { clock: () => now, refuse: (a, ms) => new RetryableMailError(`${a} open`, Math.ceil(ms / 1000)) });
  const mailer = withBreaker(new ResendMailer("re_test_key", "taskhub <hub@example.com>", new D1Store(world.db())), breaker);
  const to = `${crypto.randomUUID()}@example.com`;
  for (let i = 0; i < 5; i++) resend.failNext({ status: 503, name: "application_error", message: "Unavailable" });

  for (let i = 0; i < 5; i++) await expect(mailer.send(email(to))).rejects.toBeInstanceOf(RetryableMailError);
  expect([breaker.state, breaker.health()]).toEqual(["open", "down"]);

  // Open: refused without a request, as a retryable error carrying the rest of the cool-down.
  const sent = resend.requests.length;
  now += 10_000;
  const refused = await mailer.send(email(to)).catch((e) => e);
  expect(refused).toBeInstanceOf(RetryableMailError);
  expect((refused as RetryableMailError).retryAfterSeconds).toBe(20);
  expect(resend.requests.length).toBe(sent);

  // Past the cool-down Resend has recovered: the one probe goes through and closes the circuit.
  now += 20_000;
  expect(breaker.health()).toBe("degraded");
  expect((await mailer.send(email(to))).status).toBe("sent");
  expect([breaker.state, breaker.health()]).toEqual(["closed", "ok"]);
  expect(resend.delivered(to)).toBe(1);
});

it("a refused email (422) is Resend answering, not failing: the circuit stays closed", async () => {
  const breaker = new Breaker("resend");
  const mailer = withBreaker(new ResendMailer("re_test_key", "taskhub <hub@example.com>", new D1Store(world.db())), breaker);
  for (let i = 0; i < 6; i++) resend.failNext({ status: 422, name: "validation_error", message: "Invalid `to` field" });
  for (let i = 0; i < 6; i++) expect((await mailer.send(email(`${crypto.randomUUID()}@example.com`))).status).toBe("failed");
  expect([breaker.state, breaker.health()]).toEqual(["closed", "ok"]);
});

it("the composed services report Resend down in their health, and the dashboard banner says so", async () => {
  const { buildServices } = await import("../../src/services");
  const { HealthBanner, trackHealth } = await import("../../src/routes/dashboard/health-banner");
  const services = buildServices({ DB: world.db(), RESEND_API_KEY: "re_test_key", HUB_ADMIN_TOKEN: "t" } as never);
  expect(services.health()).toEqual({ status: "ok", store: "ok", engine: "ok", mailer: "ok", github: "ok" });
  for (let i = 0; i < 5; i++) resend.failNext({ status: 500, name: "application_error", message: "Down" });
  for (let i = 0; i < 5; i++) await expect(services.mailer.send(email(`${crypto.randomUUID()}@example.com`))).rejects.toBeInstanceOf(RetryableMailError);
  expect(services.health()).toEqual({ status: "down", store: "ok", engine: "ok", mailer: "down", github: "ok" });
  await trackHealth({ get: () => services } as never, async () => {});
  expect(String(HealthBanner())).toContain("mailer down");
});
