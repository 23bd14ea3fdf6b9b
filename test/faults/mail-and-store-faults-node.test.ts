// Faults: Resend answering 429/500 at random, the store failing on 10% of calls (before or after its write), steps re-run until they succeed.

import { setupServer } from "msw/node";
import { expect, it } from "vitest";
import { ResendMailer } from "../../src/integrations/mailer-resend";
import { D1Store } from "../../src/integrations/store-d1";
import type { Email } from "../../src/ports/mailer";
import type { Store } from "../../src/ports/store";
import { fakeResend } from "../support/fake-resend";
import { edgeAndD1 } from "../support/node-d1";

/** Generous: the machine is shared; nothing here asserts time. */
const TIMEOUT_MS = 120_000;
const resend = fakeResend();
const server = setupServer(...resend.handlers);
const world = edgeAndD1(server);

/** A seeded generator, so a failing run can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

class InjectedFault extends Error {}

/**
 * The database as an unreliable network makes it: 10% of calls fail, half before reaching it and half after
 * its write (the answer lost, or the step killed before it could record that the call returned).
 */
function flaky(store: Store, random: () => number): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== "function") return v;
      return async (...args: unknown[]) => {
        const roll = random();
        if (roll < 0.05) throw new InjectedFault(`store.${String(prop)} failed before writing`);
        const out = await v.apply(target, args);
        if (roll < 0.1) throw new InjectedFault(`store.${String(prop)} failed after writing`);
        return out;
      };
    },
  });
}

/** What the engine does with a step that throws: run it again, as many times as it takes. */
async function retried<T>(step: () => Promise<T>, attempts = 50): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await step();
    } catch (e) {
      if (i >= attempts) throw e;
    }
  }
}

it("every email is sent exactly once despite Resend 429/500s and a store failing 10% of the time", async () => {
  const random = rng(8);
  const store = new D1Store(world.db());
  const mailer = new ResendMailer("re_test_key", "taskhub <hub@example.com>", flaky(store, random));
  const to = `${crypto.randomUUID()}@example.com`;
  const emails: Email[] = Array.from({ length: 60 }, (_, n) => ({
    to, kind: "digest", subject: `Digest ${n}`, html: `<p>${n}</p>`, text: `${n}`, idempotencyKey: `digest:${to}:${n}`,
  }));
  for (const e of emails) {
    await retried(async () => {
      const roll = random();
      if (roll < 0.15) resend.failNext({ status: 429, name: "rate_limit_exceeded", message: "Too many requests", retryAfter: "0" });
      else if (roll < 0.3) resend.failNext({ status: 500, name: "application_error", message: "Internal error" });
      return mailer.send(e);
    });
  }
  const sent = resend.sent.filter((s) => s.to === to);
  expect(sent.map((s) => s.idempotencyKey).sort()).toEqual(emails.map((e) => e.idempotencyKey).sort());
  const logged = await store.listEmails({ to }, 1000);
  expect(logged.filter((l) => l.status === "sent")).toHaveLength(emails.length);
}, TIMEOUT_MS);

it("every commit's task change is applied exactly once when store calls fail and steps are re-run", async () => {
  const random = rng(12);
  const store = new D1Store(world.db());
  const unreliable = flaky(store, random);
  const at = new Date().toISOString();
  const project = await store.createProject({ key: "FLT", name: "Faults", repos: ["faults/hub"], paths: [], at });
  const task = await store.createTask({ projectKey: "FLT", title: "fault target" }, "admin", at);
  const shas = Array.from({ length: 80 }, (_, i) => i.toString(16).padStart(40, "c"));
  for (const sha of shas) {
    await retried(() =>
      unreliable.applyCommitRef({
        sha, url: `https://github.com/faults/hub/commit/${sha}`, message: `Refs FLT-${task.number}`, repo: "faults/hub",
        taskKey: `FLT-${task.number}`, projectIds: [project.id], close: false, start: true, actor: "github:faults", at,
      }),
    );
  }
  const detail = await store.getTask(`FLT-${task.number}`);
  expect(detail!.links.filter((l) => l.kind === "commit")).toHaveLength(shas.length);
  expect(detail!.status).toBe("in_progress");
  const linked = await world.db().prepare(`SELECT COUNT(*) AS n FROM activity WHERE task_id = ? AND action = 'linked'`).bind(task.id).first<{ n: number }>();
  expect(linked!.n).toBe(shas.length);
  const moved = await world.db().prepare(`SELECT COUNT(*) AS n FROM activity WHERE task_id = ? AND action = 'status_changed'`).bind(task.id).first<{ n: number }>();
  expect(moved!.n).toBe(1);
}, TIMEOUT_MS);
