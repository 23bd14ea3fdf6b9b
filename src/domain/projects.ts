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

/** A folder as its segments: trailing and doubled slashes carry no meaning; case does (paths are case-sensitive here). */
const segmentsOf = (path: string) => path.split("/").filter(Boolean);

/** Whether folder `a` is `b` or a folder above it, by whole segments ("/a/b" does not cover "/a/bc"; "/" covers all). */
export function pathCovers(a: string, b: string): boolean {
  const as = segmentsOf(a);
  const bs = segmentsOf(b);
  return as.length <= bs.length && as.every((s, i) => s === bs[i]);
}

/** Something a project claims that another project already holds. */
export interface ClaimConflict {
  holder: string;
  kind: "repo" | "path";
  claimed: string;
  held: string;
}

/**
 * What project `key` would take from others by claiming these repos and paths: a repository belongs to one
 * project, and so does a folder, so a path covering or covered by another project's path conflicts too.
 */
export function claimConflicts(projects: { key: string; repos: string[]; paths: string[] }[], key: string, repos: string[], paths: string[]): ClaimConflict[] {
  const out: ClaimConflict[] = [];
  for (const p of projects) {
    if (p.key === key) continue;
    for (const claimed of repos) {
      const held = p.repos.find((r) => normalizeRepo(r) === normalizeRepo(claimed));
      if (held !== undefined) out.push({ holder: p.key, kind: "repo", claimed, held });
    }
    for (const claimed of paths) {
      for (const held of p.paths) if (pathCovers(claimed, held) || pathCovers(held, claimed)) out.push({ holder: p.key, kind: "path", claimed, held });
    }
  }
  return out;
}

/** The holder's repos and paths once the conflicting ones are moved away from it. */
export function withoutClaims(holder: { key: string; repos: string[]; paths: string[] }, conflicts: ClaimConflict[]): { repos: string[]; paths: string[] } {
  const mine = conflicts.filter((c) => c.holder === holder.key);
  const gone = (kind: ClaimConflict["kind"], value: string) => mine.some((c) => c.kind === kind && c.held === value);
  return { repos: holder.repos.filter((r) => !gone("repo", r)), paths: holder.paths.filter((p) => !gone("path", p)) };
}

/** One line naming who holds what, for the 409. */
export function describeConflicts(conflicts: ClaimConflict[]): string {
  return conflicts.map((c) => `${c.kind === "repo" ? "repository" : "path"} ${c.claimed} conflicts with ${c.held} of ${c.holder}`).join("; ");
}
