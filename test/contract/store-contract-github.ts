// The store contract for GitHub: mirrored issues, pull requests moving their tasks, the PR comment's bookkeeping, links on request, smart commits.

import { describe, expect, it } from "vitest";
import type { CompactIssue } from "../../src/domain/github-events";
import type { PullRequestSync } from "../../src/ports/store";
import { rejectsWith, type Kit } from "./store-contract-kit";
import { nextAt } from "./store-fixtures";

const issue = (repo: string, number: number, over: Partial<CompactIssue> = {}): CompactIssue => ({
  action: "opened", repo, number, url: `https://github.com/${repo}/issues/${number}`, title: "Broken login", body: "It fails", open: true,
  notPlanned: false, assignee: null, actor: "dev", at: nextAt(), ...over,
});

/** A pull_request event of a repository claimed by project `p`. */
const pr = (p: { id: string }, repo: string, number: number, links: PullRequestSync["links"], over: Partial<PullRequestSync> & { state?: "open" | "merged" | "closed" } = {}): PullRequestSync => {
  const { state = "open", ...rest } = over;
  return {
    repo, number, url: `https://github.com/${repo}/pull/${number}`, title: `PR ${number}`, base: "main",
    event: { action: state === "open" ? "opened" : "closed", open: state === "open", merged: state === "merged", draft: false },
    intoDefaultBranch: true, links, projectIds: [p.id], actor: "github:dev", at: nextAt(), ...rest,
  };
};

const freshRepo = () => `acme/${crypto.randomUUID().slice(0, 8)}`;

export function githubContract({ store, project, task, user }: Kit) {
  /** A project of a fresh repository that mirrors its issues. */
  const mirroring = async () => {
    const repo = freshRepo();
    const p = await project({ repos: [repo] });
    await store().updateProject(p.key, { settings: { mirrorIssues: true } }, nextAt());
    return { p, repo };
  };

  describe("mirrored issues", () => {
    it("creates the task mirroring a new issue and resolves the issue to it", async () => {
      const { p, repo } = await mirroring();
      const change = await store().mirrorIssue(issue(repo, 7), "github:dev", nextAt());
      expect(change).toMatchObject({ from: null, task: { key: `${p.key}-1`, title: "Broken login", description: "It fails", status: "todo", source: { kind: "github-issue" } } });
      expect(await store().tasksForIssues([`${repo}#7`, `${repo}#8`], [p.id])).toEqual({ [`${repo}#7`]: `${p.key}-1` });
    });

    it("completes the task when its issue closes, and changes nothing when the same event comes again", async () => {
      const { repo } = await mirroring();
      await store().mirrorIssue(issue(repo, 1), "github:dev", nextAt());
      const closed = issue(repo, 1, { action: "closed", open: false });
      expect(await store().mirrorIssue(closed, "github:dev", nextAt())).toMatchObject({ from: { status: "todo" }, task: { status: "completed" } });
      expect(await store().mirrorIssue(closed, "github:dev", nextAt())).toBeNull();
    });

    it("assigns the mirrored task to the person with the issue assignee's GitHub login, in any case", async () => {
      const { repo } = await mirroring();
      const login = `dev-${crypto.randomUUID().slice(0, 8)}`;
      const u = await user({ githubLogin: login });
      const change = await store().mirrorIssue(issue(repo, 3, { assignee: login.toUpperCase() }), "github:dev", nextAt());
      expect(change?.task.assigneeId).toBe(u.id);
    });

    it("mirrors nothing for a repository no project mirrors", async () => {
      const repo = freshRepo();
      const p = await project({ repos: [repo] });
      expect(await store().mirrorIssue(issue(repo, 1), "github:dev", nextAt())).toBeNull();
      expect(await store().tasksForIssues([`${repo}#1`], [p.id])).toEqual({});
    });
  });

  describe("pull requests", () => {
    it("starts the tasks an open PR links, links it once, and says whom it links", async () => {
      const p = await project();
      const t = await task(p.key);
      const repo = freshRepo();
      const out = await store().applyPullRequest(pr(p, repo, 1, [{ taskKey: t.key, closes: true }]));
      expect(out).toMatchObject({ state: "open", linked: [t.key], changes: [{ from: { status: "todo" }, task: { key: t.key, status: "in_progress" } }] });
      await store().applyPullRequest(pr(p, repo, 1, [{ taskKey: t.key, closes: true }]));
      expect((await store().getTask(t.key))!.links).toEqual([expect.objectContaining({ kind: "pull_request", ref: `${repo}#1`, state: "open" })]);
    });

    it("completes a task when the last open closing PR merges into the default branch", async () => {
      const p = await project();
      const t = await task(p.key);
      const repo = freshRepo();
      await store().applyPullRequest(pr(p, repo, 1, [{ taskKey: t.key, closes: true }]));
      await store().applyPullRequest(pr(p, repo, 2, [{ taskKey: t.key, closes: true }]));
      const first = await store().applyPullRequest(pr(p, repo, 1, [{ taskKey: t.key, closes: true }], { state: "merged" }));
      expect(first.changes).toEqual([]);
      const second = await store().applyPullRequest(pr(p, repo, 2, [{ taskKey: t.key, closes: true }], { state: "merged" }));
      expect(second).toMatchObject({ state: "merged", changes: [{ task: { key: t.key, status: "completed" } }] });
    });

    it("keeps a task linked when an edit of the PR drops its key", async () => {
      const p = await project();
      const [a, b] = [await task(p.key, "A"), await task(p.key, "B")];
      const repo = freshRepo();
      await store().applyPullRequest(pr(p, repo, 4, [{ taskKey: a.key, closes: false }]));
      const out = await store().applyPullRequest(pr(p, repo, 4, [{ taskKey: b.key, closes: false }], { title: "edited" }));
      expect([...out.linked].sort()).toEqual([a.key, b.key].sort());
    });

    it("lists a PR's tasks in key order for its comment, and keeps the comment's id", async () => {
      const p = await project();
      const tasks = [];
      for (let i = 0; i < 10; i++) tasks.push(await task(p.key, `T${i}`));
      const repo = freshRepo();
      await store().applyPullRequest(pr(p, repo, 9, [tasks[9], tasks[1]].map((t) => ({ taskKey: t.key, closes: false }))));
      expect(await store().pullRequestComment(repo, 9)).toMatchObject({ repo, number: 9, commentId: null, tasks: [{ key: tasks[1].key }, { key: tasks[9].key }] });
      await store().recordPullRequestComment(repo, 9, { commentId: 4242 }, nextAt());
      expect((await store().pullRequestComment(repo.toUpperCase(), 9))?.commentId).toBe(4242);
      expect(await store().pullRequestComment(repo, 10)).toBeNull();
    });

    it("writes a failed comment call on each task the PR links", async () => {
      const p = await project();
      const [a, b] = [await task(p.key, "A"), await task(p.key, "B")];
      const repo = freshRepo();
      await store().applyPullRequest(pr(p, repo, 2, [a, b].map((t) => ({ taskKey: t.key, closes: false }))));
      await store().recordPullRequestComment(repo, 2, { skipped: false, status: 403, message: "Resource not accessible" }, nextAt());
      const failed = (await store().activitySince(0, 50, p.id)).filter((x) => x.action === "github_call_failed");
      expect(failed.map((x) => x.taskId).sort()).toEqual([a.id, b.id].sort());
      expect(failed[0].data).toMatchObject({ call: "upsertPullRequestComment", pullRequest: `${repo}#2`, status: 403 });
    });

    it("names a task's open pull requests, not its closed ones", async () => {
      const p = await project();
      const t = await task(p.key);
      const repo = freshRepo();
      await store().applyPullRequest(pr(p, repo, 1, [{ taskKey: t.key, closes: false }]));
      await store().applyPullRequest(pr(p, repo, 2, [{ taskKey: t.key, closes: false }]));
      await store().applyPullRequest(pr(p, repo, 2, [{ taskKey: t.key, closes: false }], { state: "closed" }));
      expect(await store().openPullRequestsOf(t.id)).toEqual([{ repo, number: 1 }]);
    });

    it("names the tasks with an open pull request or a dependent, and no others", async () => {
      const p = await project();
      const [open, closed, blocker, plain] = [await task(p.key, "Open PR"), await task(p.key, "Closed PR"), await task(p.key, "Blocker"), await task(p.key, "Plain")];
      const repo = freshRepo();
      await store().applyPullRequest(pr(p, repo, 1, [{ taskKey: open.key, closes: false }]));
      await store().applyPullRequest(pr(p, repo, 2, [{ taskKey: closed.key, closes: false }], { state: "closed" }));
      await store().addDependency(plain.key, blocker.key, "user:contract", nextAt());
      const watched = await store().watchedTasks([open.id, closed.id, blocker.id, plain.id, blocker.id, "no-such-task"]);
      expect(watched).toEqual({ withDependents: [blocker.id], withOpenPullRequests: [open.id] });
      expect(await store().watchedTasks([])).toEqual({ withDependents: [], withOpenPullRequests: [] });
    });
  });

  describe("links on request", () => {
    it("links an issue to a task once at a person's request, and refuses an unknown task", async () => {
      const p = await project();
      const t = await task(p.key);
      const link = { taskKey: t.key, kind: "issue" as const, ref: `${freshRepo()}#5`, projectIds: [p.id], url: "https://github.com/x/y/issues/5", title: "Five", actor: "github:dev", at: nextAt() };
      expect(await store().linkGitHubItem(link)).toBe(true);
      expect(await store().linkGitHubItem({ ...link, at: nextAt() })).toBe(false);
      expect(await store().linkGitHubItem({ ...link, taskKey: `${p.key}-99` })).toBe(false);
      expect((await store().activitySince(0, 10, p.id)).map((a) => a.action)).toEqual(["created", "linked"]);
    });
  });

  describe("within the repository's projects only", () => {
    it("neither moves nor links a task outside the projects a commit's repository belongs to", async () => {
      const [mine, theirs] = [await project(), await project()];
      const t = await task(theirs.key);
      const ref = { sha: crypto.randomUUID(), url: "https://x/c/3", message: "Fixes it", repo: "acme/hub", taskKey: t.key, projectIds: [mine.id], close: true, start: false, actor: "github:dev", at: nextAt() };
      expect(await store().applyCommitRef(ref)).toBeNull();
      expect(await store().getTask(t.key)).toMatchObject({ status: "todo", links: [] });
    });

    it("drops a pull request's link to a task outside its repository's projects", async () => {
      const [mine, theirs] = [await project(), await project()];
      const [a, b] = [await task(mine.key, "Mine"), await task(theirs.key, "Theirs")];
      const out = await store().applyPullRequest(pr(mine, freshRepo(), 1, [a, b].map((t) => ({ taskKey: t.key, closes: true }))));
      expect(out.linked).toEqual([a.key]);
      expect(await store().getTask(b.key)).toMatchObject({ status: "todo", links: [] });
    });

    it("refuses a link on request to a task outside the comment's repository's projects", async () => {
      const [mine, theirs] = [await project(), await project()];
      const t = await task(theirs.key);
      const link = { taskKey: t.key, kind: "issue" as const, ref: `${freshRepo()}#6`, projectIds: [mine.id], url: "https://github.com/x/y/issues/6", title: "Six", actor: "github:dev", at: nextAt() };
      expect(await store().linkGitHubItem(link)).toBe(false);
      expect((await store().getTask(t.key))!.links).toEqual([]);
    });

    it("resolves an issue only to a task of the given projects", async () => {
      const { p, repo } = await mirroring();
      const other = await project();
      await store().mirrorIssue(issue(repo, 4), "github:dev", nextAt());
      expect(await store().tasksForIssues([`${repo}#4`], [other.id])).toEqual({});
      expect(await store().tasksForIssues([`${repo}#4`], [p.id])).toEqual({ [`${repo}#4`]: `${p.key}-1` });
    });
  });

  describe("smart commits", () => {
    it("applies a commit's comments and time once, however often the commit is seen", async () => {
      const p = await project();
      const t = await task(p.key);
      const ref = {
        sha: crypto.randomUUID(), url: "https://x/c/1", message: "HUB #comment hi", repo: "acme/hub", taskKey: t.key, projectIds: [p.id], close: false, start: false,
        comments: ["first note", "second note"], minutes: 90, actor: "github:dev", at: nextAt(),
      };
      await store().applyCommitRef(ref);
      await store().applyCommitRef({ ...ref, at: nextAt() });
      const records = await store().taskRecords(t.key);
      expect(records!.comments.map((c) => c.body)).toEqual(["first note", "second note"]);
      expect(records!.timeEntries).toEqual([expect.objectContaining({ minutes: 90, source: "commit", ref: ref.sha })]);
    });

    it("moves a task to review when a commit says #review", async () => {
      const p = await project();
      const t = await task(p.key);
      const change = await store().applyCommitRef({
        sha: crypto.randomUUID(), url: "https://x/c/2", message: "#review", repo: "acme/hub", taskKey: t.key, projectIds: [p.id], close: false, start: true, review: true,
        actor: "github:dev", at: nextAt(),
      });
      expect(change).toMatchObject({ from: { status: "todo" }, task: { status: "review" } });
    });
  });
  describe("comments kept under GitHub's ids (issue sync)", () => {
    it("says on the feed that a link was made by the sync, not by a comment", async () => {
      const repo = freshRepo();
      const p = await project({ repos: [repo] });
      const t = await task(p.key);
      const link = { taskKey: t.key, kind: "issue" as const, ref: `${repo}#1`, projectIds: [p.id], url: `https://github.com/${repo}/issues/1`, title: "x", actor: "taskhub", at: nextAt() };
      expect(await store().linkGitHubItem({ ...link, by: "sync" })).toBe(true);
      expect((await store().getTask(t.key))!.activity.find((a) => a.action === "linked")?.data).toMatchObject({ by: "sync" });
    });

    it("imports a comment once under its external key, with its activity", async () => {
      const p = await project();
      const t = await task(p.key);
      const key = `github-comment:${crypto.randomUUID()}`;
      expect(await store().importComment(t.key, "From GitHub", key, "github:mona", nextAt())).toMatchObject({ body: "From GitHub", author: "github:mona" });
      expect(await store().importComment(t.key, "From GitHub again", key, "github:mona", nextAt())).toBeNull();
      expect((await store().taskRecords(t.key))!.comments.map((c) => c.body)).toEqual(["From GitHub"]);
      expect((await store().getTask(t.key))!.activity.filter((a) => a.action === "commented")).toHaveLength(1);
    });

    it("refuses a comment on a task that does not exist", async () => {
      const p = await project();
      await rejectsWith(store().importComment(`${p.key}-9`, "x", `github-comment:${crypto.randomUUID()}`, "github:mona", nextAt()), "not_found");
    });

    it("keeps GitHub's id on a hub comment once, and a comment posted under it is then known", async () => {
      const p = await project();
      const t = await task(p.key);
      const c = await store().addComment(t.key, "From the hub", "user:contract", nextAt());
      const key = `github-comment:${crypto.randomUUID()}`;
      expect(await store().setCommentExternalKey(c.id, key)).toBe(true);
      expect(await store().setCommentExternalKey(c.id, `github-comment:${crypto.randomUUID()}`)).toBe(false);
      expect(await store().importComment(t.key, "echo", key, "github:bot", nextAt())).toBeNull();
      expect(await store().setCommentExternalKey("no-such-comment", `github-comment:${crypto.randomUUID()}`)).toBe(false);
    });
  });
}
