// What a GitHub event may touch: only the tasks of the projects that claim its repository, and commands only from the repository's own people.

/** The projects that claim an event's repository: the only ones its keys, issue refs and commands may reach. */
export interface RepoScope {
  projectIds: string[];
  projectKeys: string[];
}

export const repoScope = (projects: { id: string; key: string }[]): RepoScope => ({
  projectIds: projects.map((p) => p.id),
  projectKeys: projects.map((p) => p.key),
});

/** Whether a task lies within the projects an event may act in; the stores ask this before every GitHub write. */
export const withinProjects = (task: { projectId: string }, projectIds: readonly string[]) => projectIds.includes(task.projectId);

/**
 * GitHub's author_association values of people the repository trusts: its owner, its organisation's
 * members and invited collaborators. Anyone else can comment on a public repository.
 */
export const TRUSTED_ASSOCIATIONS = ["OWNER", "MEMBER", "COLLABORATOR"] as const;

export const mayCommand = (association: string | null | undefined) => (TRUSTED_ASSOCIATIONS as readonly string[]).includes(association ?? "");
