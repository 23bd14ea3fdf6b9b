// The outbox mailer: emails are kept in the Store and shown on the dashboard instead of being sent.

import type { Email, Mailer, SendResult } from "../ports/mailer";
import type { Store } from "../ports/store";

export class OutboxMailer implements Mailer {
  readonly name = "outbox" as const;
  constructor(private readonly store: Store) {}

  async send(email: Email): Promise<SendResult> {
    const r = await this.store.recordEmail({ ...email, status: "queued", providerId: null, error: null }, new Date().toISOString());
    return { status: r === "new" ? "queued" : "duplicate", providerId: null };
  }

  async sendBatch(emails: Email[]): Promise<SendResult[]> {
    const out: SendResult[] = [];
    for (const e of emails) out.push(await this.send(e));
    return out;
  }
}
