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
 * Tokens that act for no person (the admin token, ingest and service tokens) are governed by
 * their scopes alone; a person's token is also bound by that person's role in the project.
 */
export function mayAct(asker: Asker, role: Role | null, action: ProjectAction): boolean {
  if (asker.admin || !asker.userId) return true;
  return roleAllows(role, action);
}
