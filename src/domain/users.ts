// People: who gets email, when their digest goes out, and which kinds of email they turned off.

export const DIGEST_MODES = ["off", "daily", "weekly"] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

export const EMAIL_KINDS = ["deadline", "overdue", "unblocked", "nudge", "escalation", "digest"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  githubLogin: string | null;
  timezone: string;
  digest: DigestMode;
  digestHour: number;
  /** Kinds of email this person turned off (one-click unsubscribe). */
  unsubscribed: EmailKind[];
  lastDigestAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const isEmailAddress = (ref: string) => ref.includes("@");

/** Whether this person still wants this kind of email. */
export const wants = (u: Pick<User, "unsubscribed" | "digest">, kind: EmailKind) =>
  !u.unsubscribed.includes(kind) && (kind !== "digest" || u.digest !== "off");

/** IANA names only: Intl throws a RangeError on anything else. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false; // RangeError: not a zone Intl knows
  }
}
