// People: users, their email preferences, and what their digest holds.

import type { DigestSections } from "../../domain/digest";
import type { DigestMode, EmailKind, User } from "../../domain/users";

export interface NewUser {
  email: string;
  name: string;
  githubLogin?: string | null;
  timezone: string;
  digest: DigestMode;
  digestHour: number;
}

export type UserPatch = Partial<NewUser>;

export interface PeopleStore {
  /** StoreError conflict when the email (or GitHub login) is taken. */
  createUser(u: NewUser, at: string): Promise<User>;
  getUser(id: string): Promise<User | null>;
  /** A user by id, email address or GitHub login, the last two in any case (assignees may be given any way; GitHub sign-in uses the login). */
  findUser(ref: string): Promise<User | null>;
  updateUser(id: string, patch: UserPatch, at: string): Promise<User>;
  /** Turns one kind of email off for a person; null when there is no such person. */
  unsubscribe(userId: string, kind: EmailKind, at: string): Promise<User | null>;
  /** People whose digest is not off; digestDue (domain/digest.ts) decides whose hour it is. */
  listDigestUsers(): Promise<User[]>;
  markDigestSent(userId: string, at: string): Promise<void>;
  digestFor(userId: string, range: { since: string; now: string }): Promise<DigestSections>;
}
