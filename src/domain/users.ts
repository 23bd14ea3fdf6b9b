// People: who gets email, when their digest goes out, and which kinds of email they turned off.

export const DIGEST_MODES = ["off", "daily", "weekly"] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

export const EMAIL_KINDS = ["deadline", "overdue", "unblocked", "nudge", "escalation", "digest"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_STATUSES = ["queued", "sent", "failed"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

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

/** A GitHub login as /api/users accepts one: letters, digits and hyphens (older accounts have doubled or trailing ones), at most 39. */
export const GITHUB_LOGIN = /^[A-Za-z0-9-]{1,39}$/;

/**
 * The person a GitHub sign-in maps to: the user the store found for the login, but only when that
 * user's githubLogin is the login (GitHub logins are case-insensitive). findUser also matches ids
 * and emails, so the check keeps a login that happens to equal someone's id from signing in as them.
 */
export function userForGithubLogin<U extends Pick<User, "githubLogin">>(login: string | null | undefined, found: U | null): U | null {
  if (!login || !GITHUB_LOGIN.test(login) || !found?.githubLogin) return null;
  return found.githubLogin.toLowerCase() === login.toLowerCase() ? found : null;
}

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
