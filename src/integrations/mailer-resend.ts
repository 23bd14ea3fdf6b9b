// The Resend mailer: every send carries its idempotency key; rate limits and outages become retries, refusals are logged as failed.

import { Resend } from "resend";
import { RetryableMailError, type Email, type Mailer, type SendResult } from "../ports/mailer";
import type { Store } from "../ports/store";

/** Resend's batch endpoint takes at most 100 emails per request. */
export const RESEND_BATCH_MAX = 100;

type ResendError = { message: string; statusCode: number | null; name: string };
type Outcome = { kind: "retry"; after: number | null } | { kind: "refused" };

/** Resend's answer mapped to ours, in one place. */
function classify(error: ResendError, headers: Record<string, string> | null): Outcome {
  const after = retryAfterSeconds(headers?.["retry-after"] ?? null);
  switch (true) {
    case error.statusCode === null: // never reached Resend
    case error.statusCode === 429:
    case (error.statusCode ?? 0) >= 500:
    case error.name === "concurrent_idempotent_requests": // the same key is still in flight
      return { kind: "retry", after };
    default:
      return { kind: "refused" };
  }
}

/** retry-after is seconds or an HTTP date. */
function retryAfterSeconds(v: string | null): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** One key for a batch, stable across retries: Resend answers a repeated batch without sending it again. */
async function batchKey(emails: Email[]): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(emails.map((e) => e.idempotencyKey).join("\n")));
  return `batch:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export class ResendMailer implements Mailer {
  readonly name = "resend" as const;
  private readonly resend: Resend;

  constructor(
    apiKey: string,
    private readonly from: string,
    private readonly store: Store,
  ) {
    this.resend = new Resend(apiKey);
  }

  private payload(e: Email) {
    return { from: this.from, to: e.to, subject: e.subject, html: e.html, text: e.text, headers: e.headers };
  }

  async send(email: Email): Promise<SendResult> {
    const { data, error, headers } = await this.resend.emails.send(this.payload(email), { idempotencyKey: email.idempotencyKey });
    if (data) return this.record(email, data.id);
    return (await this.fail([email], error as ResendError, headers))[0];
  }

  async sendBatch(emails: Email[]): Promise<SendResult[]> {
    const out: SendResult[] = [];
    for (let i = 0; i < emails.length; i += RESEND_BATCH_MAX) {
      const chunk = emails.slice(i, i + RESEND_BATCH_MAX);
      const { data, error, headers } = await this.resend.batch.send(chunk.map((e) => this.payload(e)), { idempotencyKey: await batchKey(chunk) });
      if (data) {
        out.push(...(await Promise.all(chunk.map((e, j) => this.record(e, data.data[j]?.id ?? null)))));
      } else if (classify(error as ResendError, headers).kind === "retry") {
        await this.fail(chunk, error as ResendError, headers);
      } else {
        // A refused batch is refused whole (strict validation): send one by one so only the bad ones fail.
        for (const e of chunk) out.push(await this.send(e));
      }
    }
    return out;
  }

  private async record(email: Email, providerId: string | null): Promise<SendResult> {
    const r = await this.store.recordEmail({ ...email, status: "sent", providerId, error: null }, new Date().toISOString());
    return { status: r === "new" ? "sent" : "duplicate", providerId };
  }

  /** Throws for what a retry can fix, so the engine's retry does the waiting; records the rest as failed. */
  private async fail(emails: Email[], error: ResendError, headers: Record<string, string> | null): Promise<SendResult[]> {
    const outcome = classify(error, headers);
    if (outcome.kind === "retry") throw new RetryableMailError(`Resend ${error.statusCode ?? "unreachable"}: ${error.message}`, outcome.after);
    const at = new Date().toISOString();
    const message = `${error.statusCode} ${error.name}: ${error.message}`;
    await Promise.all(emails.map((e) => this.store.recordEmail({ ...e, status: "failed", providerId: null, error: message }, at)));
    return emails.map(() => ({ status: "failed" as const, providerId: null }));
  }
}
