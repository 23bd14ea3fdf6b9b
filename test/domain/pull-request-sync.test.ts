// planPullRequestTask: what one pull request event writes on one linked task, decided once for both stores.
import { describe, expect, it } from "vitest";
import { planPullRequestTask, pullRequestRow } from "../../src/domain/pull-request-sync";

const pr = { ref: "acme/hub#7", url: "https://github.com/acme/hub/pull/7", title: "Fix the leak", base: "main", intoDefaultBranch: true };
const task = (extra: Partial<Parameters<typeof planPullRequestTask>[2]> = {}) => ({
  status: "todo" as const, closes: true, link: null, otherOpenClosingPullRequests: 0, ...extra,
});

describe("planPullRequestTask", () => {
  it("starts a task a new PR links, links it and says so once", () => {
    const plan = planPullRequestTask(pr, "open", task());
    expect(plan.to).toBe("in_progress");
    expect(plan.link).toEqual({ state: "open", title: "Fix the leak", closes: true });
    expect(plan.news).toEqual({ action: "linked", data: { kind: "pull_request", ref: "acme/hub#7", url: pr.url, state: "open", closes: true } });
  });

  it("writes no news when the link's state and closing are as before", () => {
    expect(planPullRequestTask(pr, "open", task({ status: "in_progress", link: { state: "open", closes: true } })).news).toBeNull();
  });

  it("completes the task when the last closing PR merges into the default branch", () => {
    const plan = planPullRequestTask(pr, "merged", task({ status: "review", link: { state: "review", closes: true } }));
    expect(plan.to).toBe("completed");
    expect(plan.news?.action).toBe("pull_request_merged");
  });

  it("does not complete the task while another closing PR of it is open", () => {
    expect(planPullRequestTask(pr, "merged", task({ status: "review", otherOpenClosingPullRequests: 1 })).to).toBeNull();
  });

  it("says where a merge into another branch went, and moves nothing", () => {
    const plan = planPullRequestTask({ ...pr, base: "release", intoDefaultBranch: false }, "merged", task({ status: "review", link: { state: "review", closes: true } }));
    expect(plan.to).toBeNull();
    expect(plan.news?.data).toMatchObject({ state: "merged", base: "release" });
  });
});

it("caps the PR's title on its row longer than on a task's link", () => {
  const long = "x".repeat(400);
  expect(pullRequestRow({ ...pr, title: long }, "open").title).toHaveLength(300);
  expect(planPullRequestTask({ ...pr, title: long }, "open", task()).link.title).toHaveLength(200);
});
