// Who may do what in a project: viewers read, members write, owners manage members and settings.

export const ROLES = ["owner", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export type ProjectAction = "read" | "write" | "manage";

const ALLOWED: Record<Role, readonly ProjectAction[]> = {
  owner: ["read", "write", "manage"],
  member: ["read", "write"],
  viewer: ["read"],
};

export const roleAllows = (role: Role | null, action: ProjectAction) => !!role && ALLOWED[role].includes(action);

export interface Asker {
  /** The token's scopes already passed the route's scope check; admin means the hub's operator. */
  admin: boolean;
  userId: string | null;
}

/**
 * Tokens that act for no person (ingest and service tokens) are governed by their scopes alone,
 * except that only an admin manages members; a person's token is also bound by that person's role.
 */
export function mayAct(asker: Asker, role: Role | null, action: ProjectAction): boolean {
  if (asker.admin) return true;
  if (!asker.userId) return action !== "manage";
  return roleAllows(role, action);
}

/** Whether the role must be looked up at all: only a person's non-admin token is bound by one. */
export const needsRole = (asker: Asker) => !asker.admin && !!asker.userId;
