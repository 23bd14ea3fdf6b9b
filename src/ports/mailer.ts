// The Mailer port: send email with idempotency keys (Resend, or the outbox kept in the Store).

export interface Email {
  to: string;
  userId?: string | null;
  kind: "deadline" | "overdue" | "unblocked" | "nudge" | "escalation" | "digest";
  taskId?: string | null;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  idempotencyKey: string;
}

/** "failed": the provider refused it for good (recorded in the email log as failed); retrying cannot help. */
export type SendResult = { status: "sent" | "queued" | "duplicate" | "failed"; providerId: string | null };

/** A failure the engine should retry later (rate limit, 5xx); others are recorded as failed. */
export class RetryableMailError extends Error {
  constructor(message: string, readonly retryAfterSeconds: number | null) {
    super(message);
  }
}

export interface Mailer {
  readonly name: "outbox" | "resend";
  send(email: Email): Promise<SendResult>;
  sendBatch(emails: Email[]): Promise<SendResult[]>;
}
