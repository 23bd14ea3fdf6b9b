// github-pull-request (workflow sync-pull-request) on Cloudflare Workflows and D1: signed pull_request events move linked tasks as Linear does.
import { describe, expect, it } from "vitest";
import { pullRequestPayload, type PullRequestFields } from "../support/github-payloads";
import { deliver, newTask } from "../support/github-deliveries";
import { call, createProject, eventually, getTask } from "../support/hub";

const pr = (repo: string, action: string, fields: PullRequestFields) => deliver("pull_request", pullRequestPayload(repo, action, fields));

const status = async (key: string) => (await getTask(key))?.status;

describe("opening", () => {
  it("moves a task named in the branch to in_progress when the PR opens", async () => {
    await createProject("PRA", { repos: ["acme/pra"] });
    const key = await newTask("PRA");
    await pr("acme/pra", "opened", { number: 1, title: "Fix the leak", head: `${key.toLowerCase()}-fix-leak` });
    expect(await status(key)).toBe("in_progress");
  });

  it("moves a task to in_progress when a draft PR opens", async () => {
    await createProject("PRB", { repos: ["acme/prb"] });
    const key = await newTask("PRB");
    await pr("acme/prb", "opened", { number: 2, title: `${key} draft`, draft: true });
    expect(await status(key)).toBe("in_progress");
  });

  it("links a task named in the body and shows the PR on it", async () => {
    await createProject("PRC", { repos: ["acme/prc"] });
    const key = await newTask("PRC");
    await pr("acme/prc", "opened", { number: 3, title: "Groundwork", body: `Part of ${key}` });
    const task = await getTask(key);
    expect(task?.links).toContainEqual(expect.objectContaining({ kind: "pull_request", ref: "acme/prc#3", url: "https://github.com/acme/prc/pull/3", state: "open" }));
  });
});

describe("review", () => {
  it("moves a task to review when the PR is ready for review", async () => {
    await createProject("PRD", { repos: ["acme/prd"] });
    const key = await newTask("PRD");
    await pr("acme/prd", "opened", { number: 4, title: key, draft: true });
    await pr("acme/prd", "ready_for_review", { number: 4, title: key });
    expect(await status(key)).toBe("review");
  });

  it("moves a task to review when a review is requested", async () => {
    await createProject("PRE", { repos: ["acme/pre"] });
    const key = await newTask("PRE");
    await pr("acme/pre", "review_requested", { number: 5, title: key });
    expect(await status(key)).toBe("review");
  });
});

describe("merging", () => {
  it("completes a task linked by branch name when the PR merges into the default branch", async () => {
    await createProject("PRF", { repos: ["acme/prf"] });
    const key = await newTask("PRF");
    await pr("acme/prf", "closed", { number: 6, title: "Fix", head: `feature/${key}`, state: "closed", merged: true });
    expect(await status(key)).toBe("completed");
  });

  it("does not complete a task when the PR merges into another branch", async () => {
    await createProject("PRG", { repos: ["acme/prg"] });
    const key = await newTask("PRG");
    await pr("acme/prg", "closed", { number: 7, title: `Fixes ${key}`, base: "release", state: "closed", merged: true });
    expect(await status(key)).toBe("todo");
  });

  it("does not complete a task the PR only references", async () => {
    await createProject("PRH", { repos: ["acme/prh"] });
    const key = await newTask("PRH");
    await pr("acme/prh", "closed", { number: 8, title: "Refactor", body: `Refs ${key}`, state: "closed", merged: true });
    expect(await status(key)).toBe("todo");
  });

  it("completes a task only when the last of its closing PRs merges", async () => {
    await createProject("PRI", { repos: ["acme/pri"] });
    const key = await newTask("PRI");
    await pr("acme/pri", "opened", { number: 9, title: "Part one", body: `Fixes ${key}` });
    await pr("acme/pri", "opened", { number: 10, title: "Part two", body: `Fixes ${key}` });
    await pr("acme/pri", "closed", { number: 9, title: "Part one", body: `Fixes ${key}`, state: "closed", merged: true });
    expect(await status(key)).toBe("in_progress");
    await pr("acme/pri", "closed", { number: 10, title: "Part two", body: `Fixes ${key}`, state: "closed", merged: true });
    expect(await status(key)).toBe("completed");
  });
});

describe("closing without merge", () => {
  it("leaves the task where it was and records the close on its activity", async () => {
    await createProject("PRJ", { repos: ["acme/prj"] });
    const key = await newTask("PRJ");
    await pr("acme/prj", "opened", { number: 11, title: `Fixes ${key}` });
    await pr("acme/prj", "closed", { number: 11, title: `Fixes ${key}`, state: "closed", merged: false });
    const task = await getTask(key);
    expect(task?.status).toBe("in_progress");
    expect(task?.activity.map((a: { action: string }) => a.action)).toContain("pull_request_closed");
  });
});

describe("the PR comment without a GitHub token", () => {
  it("records the skipped comment on the linked task's activity", async () => {
    await createProject("PRK", { repos: ["acme/prk"] });
    const key = await newTask("PRK");
    await pr("acme/prk", "opened", { number: 12, title: key });
    const task = await getTask(key);
    expect(task?.activity).toContainEqual(expect.objectContaining({ action: "github_call_skipped", data: expect.objectContaining({ pullRequest: "acme/prk#12" }) }));
  });
});

describe("refreshing the PR comment", () => {
  it("calls for the comment again when a task of an open PR changes status", async () => {
    await createProject("PRL", { repos: ["acme/prl"] });
    const key = await newTask("PRL");
    await pr("acme/prl", "opened", { number: 13, title: key });
    const skipped = async () => ((await getTask(key))?.activity ?? []).filter((a: { action: string }) => a.action === "github_call_skipped").length;
    // The PR's own status change refreshes once too; wait for that before counting.
    const before = await eventually(async () => (await skipped()) >= 2 && (await skipped()));
    expect((await call(`/api/tasks/${key}/status`, { method: "PUT", json: { status: "review" } })).status).toBe(200);
    await eventually(async () => (await skipped()) > before);
  });
});
