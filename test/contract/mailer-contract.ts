// The Mailer contract: what every mailer promises (idempotency, batches, the email log), run against each adapter.

import { beforeEach, describe, expect, it } from "vitest";
import type { Email, Mailer } from "../../src/ports/mailer";
import type { Store } from "../../src/ports/store";

export interface MailerHarness {
  mailer: Mailer;
  store: Store;
  /** How many emails actually left for this address (the provider's count, or the outbox's rows). */
  delivered(to: string): Promise<number>;
}

let n = 0;
export function email(to: string, overrides: Partial<Email> = {}): Email {
  n += 1;
  return {
    to, kind: "digest", subject: `Digest ${n}`, html: `<p>Digest ${n}</p>`, text: `Digest ${n}`,
    idempotencyKey: `digest:${to}:${n}:${crypto.randomUUID()}`, ...overrides,
  };
}

export function mailerContract(name: string, setup: () => Promise<MailerHarness>) {
  describe(`${name} mailer contract`, () => {
    let h: MailerHarness;
    let to: string;
    beforeEach(async () => {
      h = await setup();
      to = `${crypto.randomUUID()}@example.com`;
    });

    it("logs a sent email in the store under its idempotency key", async () => {
      const e = email(to);
      const r = await h.mailer.send(e);
      expect(["sent", "queued"]).toContain(r.status);
      const [logged] = await h.store.listEmails({ to }, 10);
      expect(logged).toMatchObject({ idempotencyKey: e.idempotencyKey, subject: e.subject, status: r.status === "sent" ? "sent" : "queued" });
    });

    it("sends an email once when the same key is sent twice", async () => {
      const e = email(to);
      await h.mailer.send(e);
      const again = await h.mailer.send(e);
      expect(again.status).toBe("duplicate");
      expect(await h.delivered(to)).toBe(1);
      expect(await h.store.listEmails({ to }, 10)).toHaveLength(1);
    });

    it("answers a batch with one result per email, in order", async () => {
      const batch = [email(to), email(to), email(to)];
      const results = await h.mailer.sendBatch(batch);
      expect(results).toHaveLength(3);
      expect(results.every((r) => r.status === "sent" || r.status === "queued")).toBe(true);
      expect(await h.delivered(to)).toBe(3);
    });

    it("sends a batch larger than the provider's limit in full", async () => {
      const batch = Array.from({ length: 230 }, () => email(to));
      const results = await h.mailer.sendBatch(batch);
      expect(results).toHaveLength(230);
      expect(await h.delivered(to)).toBe(230);
      expect(await h.store.listEmails({ to }, 500)).toHaveLength(230);
    }, 60_000);

    it("sends nothing twice when a batch is sent again", async () => {
      const batch = [email(to), email(to)];
      await h.mailer.sendBatch(batch);
      const again = await h.mailer.sendBatch(batch);
      expect(again.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);
      expect(await h.delivered(to)).toBe(2);
    });

    it("keeps an email's kind and task in the log", async () => {
      const e = email(to, { kind: "deadline", taskId: null, subject: "Due tomorrow: HUB-1" });
      await h.mailer.send(e);
      const [logged] = await h.store.listEmails({ to, kind: "deadline" }, 10);
      expect(logged).toMatchObject({ kind: "deadline", subject: "Due tomorrow: HUB-1" });
    });
  });
}
