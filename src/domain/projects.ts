// Which project a session or a repository belongs to: pure matching on paths and repo names.

export const INBOX_KEY = "INBOX";

export const PROJECT_STATUSES = ["active", "completed", "archived"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface Project {
  id: string;
  key: string;
  name: string;
  description: string | null;
  status: ProjectStatus;
  repos: string[];
  paths: string[];
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** Project keys look like HUB: a letter, then letters or digits, 2–10 in all. */
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9]{1,9}$/;

function withSlash(p: string) {
  return p.endsWith("/") ? p : `${p}/`;
}

/** The project whose longest path is cwd itself or a folder above it (`/a/b` does not match `/a/bc`). */
export function matchProjectByCwd<P extends { paths: string[] }>(projects: P[], cwd: string | null): P | null {
  if (!cwd) return null;
  let best: P | null = null;
  let bestLen = -1;
  for (const p of projects) {
    for (const path of p.paths) {
      const matches = cwd === path || withSlash(cwd).startsWith(withSlash(path));
      if (matches && path.length > bestLen) {
        best = p;
        bestLen = path.length;
      }
    }
  }
  return best;
}

export const normalizeRepo = (fullName: string) => fullName.trim().toLowerCase();
