// The mail workflows on Inngest with the Resend mailer (msw stands in for Resend): a 429 then success sends exactly one email.

import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEADLINE_STEPS as D } from "../../src/workflows/deadline-alert";
import { cronEvent } from "../../src/workflows/define";
import { makeEvent } from "../../src/workflows/events";
import { runOf } from "../contract/engine-harness";
import { inngestHarness } from "../contract/inngest-harness";
import { fakeResend } from "../support/fake-resend";
import { nodeD1 } from "../support/node-d1";

const resend = fakeResend();
const server = setupServer(...resend.handlers);
let d1: Awaited<ReturnType<typeof nodeD1>>;
let h: ReturnType<typeof inngestHarness>;
const HOUR = 3_600_000;
const now = () => new Date().toISOString();
const RATE_LIMITED = { status: 429, name: "rate_limit_exceeded", message: "Too many requests", retryAfter: "0" };

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  d1 = await nodeD1();
  h = inngestHarness(server, d1.db, { RESEND_API_KEY: "re_test_key", MAIL_FROM: "taskhub <hub@example.com>" });
});
afterAll(async () => {
  server.close();
  await d1.dispose();
});

async function person(project: string, digest: "off" | "daily" = "off") {
  const store = h.services.store;
  await store.createProject({ key: project, name: project, repos: [], paths: [], at: now() });
  return store.createUser({ email: `${project.toLowerCase()}@example.com`, name: project, timezone: "UTC", digest, digestHour: new Date().getUTCHours() }, now());
}

it("sends the deadline alert once when Resend answers 429 first", async () => {
  const u = await person("RLA");
  const dueAt = new Date(Date.now() + 2 * HOUR).toISOString();
  const task = await h.services.store.createTask({ projectKey: "RLA", title: "Ship", dueAt, assigneeId: u.id }, "admin", now());
  resend.failNext(RATE_LIMITED);
  const run = runOf(await h.deliver([makeEvent("task/due.changed", `due-${task.id}-${dueAt}`, { taskId: task.id, dueAt }, now())]), "deadline-alerts");
  expect(run.status).toBe("complete");
  expect(run.steps).toContain(D.alert("24h"));
  expect(resend.delivered(u.email)).toBe(1);
  expect(await h.services.store.listEmails({ to: u.email }, 10)).toMatchObject([{ kind: "deadline", status: "sent" }]);
});

it("sends each digest once when Resend answers the batch with 429 first", async () => {
  const u = await person("RLD", "daily");
  await h.services.store.createTask({ projectKey: "RLD", title: "Due soon", dueAt: new Date(Date.now() + 3 * HOUR).toISOString(), assigneeId: u.id }, "admin", now());
  resend.failNext(RATE_LIMITED);
  const run = runOf(await h.deliver([cronEvent("0 * * * *", Date.now())]), "digests");
  expect(run.status).toBe("complete");
  expect(resend.delivered(u.email)).toBe(1);
  // A later tick in the same hour finds the digest sent and sends nothing.
  runOf(await h.deliver([cronEvent("0 * * * *", Date.now() + 60_000)]), "digests");
  expect(resend.delivered(u.email)).toBe(1);
});
