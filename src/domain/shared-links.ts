// Shared boards: a read-only link to one project's board, graph and reports, with a life that ends (expiry, revocation).

/** How long a new link lives unless its maker says otherwise, and the longest it may. */
export const SHARE_DAYS_DEFAULT = 7;
export const SHARE_DAYS_MAX = 90;
export const SHARE_LABEL_MAX = 100;

export interface SharedLink {
  id: string;
  projectId: string;
  label: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** live: it shows the project; revoked or expired: it is gone (410), which says no more than that it once existed. */
export type ShareState = "live" | "expired" | "revoked";

export function shareState(link: Pick<SharedLink, "expiresAt" | "revokedAt">, now: Date): ShareState {
  if (link.revokedAt) return "revoked";
  return Date.parse(link.expiresAt) <= now.getTime() ? "expired" : "live";
}

export const shareExpiry = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

/** A link's path: its id (to find it) and its secret (to prove it), both opaque. */
export const sharePath = (id: string, secret: string) => `/shared/${encodeURIComponent(id)}/${encodeURIComponent(secret)}`;

/** The longest text a shared page runs the address pattern over; titles are capped far below it already. */
const REDACT_MAX = 2000;
/** Linear: the local part and each domain label are runs of classes that exclude the separators around them. */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Shared pages show no email addresses, wherever one was written (a title, a person's name in a report). */
export const redactEmails = (text: string) => text.slice(0, REDACT_MAX).replace(EMAIL, "[email hidden]");
