// Signed one-click unsubscribe links (RFC 8058): the link itself is the credential, bound to one person and one kind.

import type { EmailKind } from "../domain/users";
import { constantTimeEqual } from "../domain/constant-time";

const encoder = new TextEncoder();

async function signature(secret: string, userId: string, kind: EmailKind): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`unsubscribe:${userId}:${kind}`)));
  return btoa(String.fromCharCode(...mac)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function unsubscribeUrl(hubUrl: string, secret: string, userId: string, kind: EmailKind): Promise<string> {
  const q = new URLSearchParams({ u: userId, k: kind, s: await signature(secret, userId, kind) });
  return `${hubUrl.replace(/\/$/, "")}/unsubscribe?${q}`;
}

export async function verifyUnsubscribe(secret: string, userId: string, kind: EmailKind, sig: string): Promise<boolean> {
  return constantTimeEqual(await signature(secret, userId, kind), sig);
}

/** The headers mail clients turn into their own unsubscribe button (one POST, no page). */
export const unsubscribeHeaders = (url: string): Record<string, string> => ({
  "List-Unsubscribe": `<${url}>`,
  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
});

/** HUB_SECRET, else one derived from the admin token, so links survive restarts without another setting. */
export const unsubscribeSecret = (c: { HUB_SECRET?: string; HUB_ADMIN_TOKEN?: string }) =>
  c.HUB_SECRET ?? (c.HUB_ADMIN_TOKEN ? `unsubscribe:${c.HUB_ADMIN_TOKEN}` : null);
