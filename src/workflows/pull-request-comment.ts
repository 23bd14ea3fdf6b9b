// The PR's one taskhub comment, upserted as a step: github-pull-request, github-issue-comment and task-changed keep it current.

import { renderPullRequestComment } from "../domain/pull-request-comment";
import { repoScope, withinProjects } from "../domain/repo-scope";
import type { Services } from "../ports/services";
import type { Step } from "./define";

/**
 * Upserts the PR's one taskhub comment. Refusals are recorded on the tasks' activity; a transient
 * error is retried by the engine, and once retries run out it is recorded too, so the run still ends.
 */
export async function commentOnPullRequest(step: Step, { store, github, config }: Services, repo: string, number: number, name: string) {
  const [owner, name_] = repo.split("/");
  try {
    await step.run(name, async () => {
      const data = await store.pullRequestComment(repo, number);
      // The comment is public: it shows only tasks of the projects that claim the repository.
      const { projectIds } = repoScope(await store.projectsForRepo(repo));
      const tasks = (data?.tasks ?? []).filter((t) => withinProjects(t, projectIds));
      if (!data || !tasks.length) return;
      const body = renderPullRequestComment(tasks, config.PUBLIC_URL);
      const res = await github.upsertPullRequestComment({ owner, repo: name_, number }, body, data.commentId);
      const at = new Date().toISOString();
      if (res.ok) {
        if (res.commentId !== data.commentId) await store.recordPullRequestComment(repo, number, { commentId: res.commentId }, at);
      } else {
        await store.recordPullRequestComment(repo, number, { skipped: res.skipped, status: res.status, message: res.message }, at);
      }
    });
  } catch (e) {
    await step.run(`${name}-gave-up`, () =>
      store.recordPullRequestComment(repo, number, { skipped: false, status: null, message: `gave up after retries: ${String((e as Error)?.message ?? e)}` }, new Date().toISOString()),
    );
  }
}
