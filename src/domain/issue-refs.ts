// GitHub issue references ("#12", "owner/repo#12", issue URLs) as the stable ids mirrored tasks are linked by.

import type { Intent, Ref } from "./refs";

/** "owner/repo#12", lower-cased: GitHub names are case-insensitive. A bare "#12" means the repository the text came from. */
export function issueRefId(ref: Extract<Ref, { kind: "issue" }>, repo: string): string {
  const where = ref.owner && ref.repo ? `${ref.owner}/${ref.repo}` : repo;
  return `${where.toLowerCase()}#${ref.number}`;
}

export const issueId = (repo: string, number: number) => `${repo.toLowerCase()}#${number}`;

/** Every issue an intent names, as ids to look up among the mirrored issues. */
export function issueIdsIn(intents: Intent[], repo: string): string[] {
  const ids = new Set<string>();
  for (const i of intents) for (const ref of [...i.closes, ...i.links]) if (ref.kind === "issue") ids.add(issueRefId(ref, repo));
  return [...ids];
}

/** Resolves a ref to a task key: task refs directly, issue refs through the mirrored-issue map. */
export function taskKeyResolver(repo: string, mirrored: Record<string, string>) {
  return (ref: Ref): string | null => (ref.kind === "task" ? ref.key : (mirrored[issueRefId(ref, repo)] ?? null));
}
