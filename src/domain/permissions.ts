// Who may do what in a project: viewers read, members write, owners manage members and settings; tokens add their scopes on top.

export const ROLES = ["owner", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** A person's role in one project, with who they are. */
export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

export type ProjectAction = "read" | "write" | "manage";

export const SCOPES = ["ingest", "read", "write", "admin", "metrics"] as const;
export type TokenScope = (typeof SCOPES)[number];

/** admin may do everything; write includes read. ingest only feeds the hub; metrics only scrapes GET /metrics. */
export const SCOPE_IMPLIES: Record<TokenScope, readonly TokenScope[]> = {
  admin: ["admin", "write", "read", "ingest", "metrics"],
  write: ["write", "read"],
  read: ["read"],
  ingest: ["ingest"],
  metrics: ["metrics"],
};

export const scopesCover = (scopes: readonly TokenScope[], wanted: TokenScope) => scopes.some((s) => SCOPE_IMPLIES[s].includes(wanted));

const ALLOWED: Record<Role, readonly ProjectAction[]> = {
  owner: ["read", "write", "manage"],
  member: ["read", "write"],
  viewer: ["read"],
};

export const roleAllows = (role: Role | null, action: ProjectAction) => !!role && ALLOWED[role].includes(action);

export interface Asker {
  /** The admin token (HUB_ADMIN_TOKEN) or an admin-scope token: the hub's operator, above every role. */
  admin: boolean;
  /** The person a token acts for (tokens.user_id), or null for a token of no person (ingest and service tokens). */
  userId: string | null;
  /** The token's scopes; a person's token is limited by them as well as by the person's role. */
  scopes: readonly TokenScope[];
  /** A token made for named projects (tokens.projects, keys): every other project is hidden from it. */
  projects?: readonly string[] | null;
}

/** Whether a token limited to named projects must not see this one (an admin is never limited). */
export const outsideLimit = (asker: Asker, projectKey: string) => !asker.admin && !!asker.projects && !asker.projects.includes(projectKey);

/** The scope an action needs of the token itself, whoever it acts for; managing is a change, so write. */
const SCOPE_FOR: Record<ProjectAction, TokenScope> = { read: "read", write: "write", manage: "write" };

/**
 * allow; forbidden (403: the caller may see the project but not do this); or hidden (404: the caller
 * has no role in the project, and learns no more than if it did not exist).
 */
export type Decision = "allow" | "forbidden" | "hidden";

/**
 * The whole rule, in order:
 * 1. admin (the admin token or an admin-scope token) may do anything, whatever its roles;
 * 2. the token's scopes must cover the action (read; write for write and manage), else forbidden;
 * 3. a token of no person acts by its scopes alone: it reads and writes every project, but only
 *    an admin manages members and settings (forbidden);
 * 4. a person's token acts as that person: no role in the project → hidden; a role that does not
 *    allow the action (a viewer writing, a member managing) → forbidden.
 */
export function decide(asker: Asker, role: Role | null, action: ProjectAction): Decision {
  if (asker.admin) return "allow";
  if (!scopesCover(asker.scopes, SCOPE_FOR[action])) return "forbidden";
  if (!asker.userId) return action === "manage" ? "forbidden" : "allow";
  if (!role) return "hidden";
  return roleAllows(role, action) ? "allow" : "forbidden";
}

export const mayAct = (asker: Asker, role: Role | null, action: ProjectAction) => decide(asker, role, action) === "allow";

/** Whether the role must be looked up at all: only a person's non-admin token is bound by one. */
export const needsRole = (asker: Asker) => !asker.admin && !!asker.userId;

/**
 * Which projects a listing may show: every project for admins and tokens of no person (with the read
 * scope), else the ids of the projects where the person holds any role. roles maps project id → role.
 */
export function readableProjects(asker: Asker, roles: Record<string, Role>): "all" | string[] {
  if (asker.admin) return "all";
  if (!scopesCover(asker.scopes, "read")) return [];
  if (!asker.userId) return "all";
  return Object.keys(roles).filter((id) => roleAllows(roles[id], "read"));
}

/**
 * Hub-wide operations that belong to no project (replaying a failed delivery): the operator's, so an
 * admin or a write token of no person; a person's token, whatever its roles, is not an operator.
 */
export const mayOperate = (asker: Asker) => asker.admin || (!asker.userId && !asker.projects && scopesCover(asker.scopes, "write"));

/** GET /metrics: the admin, or a token with the metrics scope (a scraper needs nothing else). */
export const mayScrape = (asker: Asker) => asker.admin || scopesCover(asker.scopes, "metrics");
