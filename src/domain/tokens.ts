// What is decided about a token's life: when it expires, when its use is worth writing down.

/** lastUsedAt is written at most this often per token, so a busy token is not a store write per request. */
export const TOUCH_EVERY_MS = 5 * 60_000;

export function shouldTouch(lastUsedAt: string | null, now: Date): boolean {
  const last = lastUsedAt ? Date.parse(lastUsedAt) : NaN;
  return Number.isNaN(last) || now.getTime() - last >= TOUCH_EVERY_MS;
}

/** A token with no expiresAt lives until revoked; one at or past it is refused like a revoked one. */
export function tokenExpired(expiresAt: string | null, now: Date): boolean {
  return expiresAt !== null && Date.parse(expiresAt) <= now.getTime();
}

export function sessionExpiry(now: Date, ttlHours: number): string {
  return new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
}
