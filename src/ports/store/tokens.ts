// API tokens, kept as hashes: create, find by hash, list, revoke.

import type { TokenScope } from "../../domain/permissions";

export type Scope = TokenScope;

export interface TokenRecord {
  id: string;
  userId: string | null;
  name: string;
  scopes: Scope[];
  /** The project keys the token may ingest into; null for every project. */
  projects: string[] | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** When it stops being accepted (sign-in tokens); null: until revoked. */
  expiresAt: string | null;
}

export interface TokenStore {
  createToken(t: { name: string; hash: string; scopes: Scope[]; userId?: string | null; projects?: string[] | null; expiresAt?: string | null; at: string }): Promise<TokenRecord>;
  findTokenByHash(hash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  revokeToken(id: string, at: string): Promise<boolean>;
  /** Sets lastUsedAt; callers throttle it (domain/tokens.ts shouldTouch). */
  touchToken(id: string, at: string): Promise<void>;
}
