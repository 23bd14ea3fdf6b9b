// The email log: the outbox, or what Resend was asked to send.

import type { EmailStatus } from "../../domain/users";
import type { Email } from "../mailer";

export interface EmailRecord extends Email {
  id: string;
  status: EmailStatus;
  providerId: string | null;
  error: string | null;
  createdAt: string;
  /** Filled when listed: the key of the task the email is about. */
  taskKey?: string | null;
}

export interface EmailStore {
  recordEmail(e: Omit<EmailRecord, "id" | "createdAt">, at: string): Promise<"new" | "duplicate">;
  listEmails(filter: { to?: string; kind?: string; taskId?: string }, limit: number): Promise<EmailRecord[]>;
}
