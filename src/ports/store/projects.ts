// Projects and their members: create, read, settings, which project a folder or repository belongs to, roles, export and import.

import type { Actor } from "../../domain/activity";
import type { ExportRecord } from "../../domain/export";
import type { Member, Role } from "../../domain/permissions";
import type { Project } from "../../domain/projects";

export interface NewProject {
  key: string;
  name: string;
  description?: string | null;
  repos: string[];
  paths: string[];
  at: string;
}

export interface ProjectPatch {
  name?: string;
  description?: string | null;
  status?: Project["status"];
  repos?: string[];
  paths?: string[];
  settings?: Record<string, unknown>;
}

export interface ProjectStore {
  createProject(p: NewProject): Promise<Project>;
  getProject(key: string): Promise<Project | null>;
  listProjects(): Promise<Project[]>;
  /** The project whose longest path is a prefix of cwd; else INBOX, created on first use. */
  projectForCwd(cwd: string | null, at: string): Promise<Project>;
  projectsForRepo(fullName: string): Promise<Project[]>;
  updateProject(key: string, patch: ProjectPatch, at: string): Promise<Project>;
  /** Every record of a project (src/domain/export.ts), in an order import can replay. */
  exportProject(projectKey: string): Promise<ExportRecord[]>;
  /** Loads an export into a project that has no tasks (created when missing). */
  importProject(records: ExportRecord[], actor: Actor, at: string): Promise<{ project: string; counts: Record<string, number> }>;

  // members (#6)
  setMember(projectKey: string, userId: string, role: Role, actor: Actor, at: string): Promise<Member>;
  removeMember(projectKey: string, userId: string, actor: Actor, at: string): Promise<boolean>;
  listMembers(projectKey: string): Promise<Member[]>;
  roleIn(projectId: string, userId: string): Promise<Role | null>;
  /** Every project a person holds a role in: project id → role. */
  rolesOf(userId: string): Promise<Record<string, Role>>;
}
