// Which tasks a PR links, whether it closes them, and where each event moves them.
import { describe, expect, it } from "vitest";
import { nextPullRequestState, pullRequestLinks, pullRequestTarget, readPullRequest } from "../../src/domain/pull-requests";

const links = (pr: { title: string; body?: string; head?: string }, mirrored: Record<string, string> = {}) =>
  pullRequestLinks(readPullRequest({ repo: "acme/app", body: "", head: "main", ...pr }, { projectKeys: ["HUB"] }), "acme/app", mirrored);

describe("pullRequestLinks", () => {
  it("closes a task named in the branch", () => {
    expect(links({ title: "Fix", head: "hub-12-fix-leak" })).toEqual([{ taskKey: "HUB-12", closes: true }]);
  });

  it("closes a task named in the title", () => {
    expect(links({ title: "HUB-3: tidy the pool" })).toEqual([{ taskKey: "HUB-3", closes: true }]);
  });

  it("only links a task the title references with a non-closing word", () => {
    expect(links({ title: "Groundwork, related to HUB-3" })).toEqual([{ taskKey: "HUB-3", closes: false }]);
  });

  it("closes tasks after closing words in the body and only links the rest", () => {
    expect(links({ title: "Tidy", body: "Fixes HUB-1 and HUB-2\n\nSee also HUB-9" })).toEqual([
      { taskKey: "HUB-1", closes: true },
      { taskKey: "HUB-2", closes: true },
      { taskKey: "HUB-9", closes: false },
    ]);
  });

  it("ignores keys inside code blocks of the body", () => {
    expect(links({ title: "Tidy", body: "```\nFixes HUB-1\n```" })).toEqual([]);
  });

  it("closes the task mirroring an issue the body closes", () => {
    expect(links({ title: "Tidy", body: "Closes #40" }, { "acme/app#40": "HUB-40" })).toEqual([{ taskKey: "HUB-40", closes: true }]);
  });
});

describe("nextPullRequestState", () => {
  const ev = (action: string, over: Partial<{ open: boolean; merged: boolean; draft: boolean }> = {}) => ({ action, open: true, merged: false, draft: false, ...over });

  it("keeps a PR under review when commits are pushed to it", () => {
    expect(nextPullRequestState("review", ev("synchronize"))).toBe("review");
  });

  it("takes a PR converted to draft out of review", () => {
    expect(nextPullRequestState("review", ev("converted_to_draft", { draft: true }))).toBe("draft");
  });

  it("is merged when closed with a merge", () => {
    expect(nextPullRequestState("open", ev("closed", { open: false, merged: true }))).toBe("merged");
  });
});

describe("pullRequestTarget", () => {
  const merged = { state: "merged" as const, intoDefaultBranch: true };

  it("completes on merge when the PR closes the task and no other closing PR is open", () => {
    expect(pullRequestTarget("review", merged, { closes: true, otherOpenClosingPullRequests: 0 })).toBe("completed");
  });

  it("waits for the other open closing PR", () => {
    expect(pullRequestTarget("review", merged, { closes: true, otherOpenClosingPullRequests: 1 })).toBeNull();
  });

  it("does not move a task in review back when a PR opens", () => {
    expect(pullRequestTarget("review", { state: "open", intoDefaultBranch: true }, { closes: true, otherOpenClosingPullRequests: 0 })).toBeNull();
  });

  it("moves nothing when the PR is closed unmerged", () => {
    expect(pullRequestTarget("in_progress", { state: "closed", intoDefaultBranch: true }, { closes: true, otherOpenClosingPullRequests: 0 })).toBeNull();
  });
});
