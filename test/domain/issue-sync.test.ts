// GitHub Issues both ways, the pure part: who syncs with which repository, what the hub writes, and what GitHub's link events say.
import { describe, expect, it } from "vitest";
import { compactIssueDependency, compactSubIssue, planGitHubEvent } from "../../src/domain/github-events";
import { issueCommentFor, issueForTask, isIssueForTask, issueRepoOf, issueStateFor, opsForUpdate, parseIssueRef, withoutSyncFooter, writtenBySync } from "../../src/domain/issue-sync";
import { mirrorsIssues } from "../../src/domain/issues";
import { issueCommentPayload, issueDependencyPayload, subIssuePayload } from "../support/github-payloads";

const project = (settings: Record<string, unknown>, repos = ["Acme/App", "acme/docs"]) => ({ repos, settings });

describe("which repository a project syncs with", () => {
  it("is none unless the project opts in", () => {
    expect(issueRepoOf(project({}))).toBeNull();
    expect(issueRepoOf(project({ syncIssues: "yes" }))).toBeNull();
  });

  it("is its first repository, lower-cased, when it names none", () => {
    expect(issueRepoOf(project({ syncIssues: true }))).toBe("acme/app");
  });

  it("is the one it names, only if the project owns it", () => {
    expect(issueRepoOf(project({ syncIssues: true, issueRepo: "ACME/docs" }))).toBe("acme/docs");
    expect(issueRepoOf(project({ syncIssues: true, issueRepo: "stranger/public" }))).toBeNull();
  });

  it("mirrors the repository's issues too", () => {
    expect(mirrorsIssues({ syncIssues: true })).toBe(true);
    expect(mirrorsIssues({})).toBe(false);
  });
});

describe("what the hub writes on GitHub", () => {
  it("opens the issue with the task's description above a marked footer naming the task", () => {
    const { title, body } = issueForTask({ key: "HUB-7", title: "Fix it", description: "Steps" }, "https://hub.example/");
    expect(title).toBe("Fix it");
    expect(body).toMatch(/^Steps\n\n<!-- taskhub:sync -->/);
    expect(body).toContain("[HUB-7](https://hub.example/tasks/HUB-7)");
    expect(withoutSyncFooter(body)).toBe("Steps");
  });

  it("marks a comment with the hub comment's id and escapes the author", () => {
    const text = issueCommentFor({ id: "c-1", author: "user:<b>x</b>", body: "Hello" });
    expect(text.startsWith("<!-- taskhub:sync:comment:c-1 -->")).toBe(true);
    expect(text).not.toContain("<b>");
    expect(writtenBySync(text)).toBe(true);
    expect(writtenBySync("I said <!-- taskhub:sync --> in the middle")).toBe(false);
  });

  it("closes done work as completed, cancelled work as not planned, and keeps the rest open", () => {
    expect(issueStateFor("completed")).toEqual({ open: false, reason: "completed" });
    expect(issueStateFor("cancelled")).toEqual({ open: false, reason: "not_planned" });
    expect(issueStateFor("in_progress")).toEqual({ open: true });
  });

  const t = { title: "T", description: null, status: "todo" as const, parentId: null };

  it("asks for a state call only when GitHub would see the move, and a parent call when the parent changed", () => {
    expect(opsForUpdate(t, { ...t, status: "in_progress" })).toEqual([]);
    expect(opsForUpdate({ ...t, status: "completed" }, { ...t, status: "cancelled" })).toEqual([{ op: "state", otherId: null }]);
    expect(opsForUpdate({ ...t, parentId: "p1" }, t)).toEqual([{ op: "parent", otherId: "p1" }]);
  });

  it("asks for the issue's text to follow a new title or description", () => {
    expect(opsForUpdate(t, { ...t, description: "More" })).toEqual([{ op: "issue", otherId: null }]);
    expect(opsForUpdate(t, { ...t, title: "U", status: "completed" })).toEqual([{ op: "issue", otherId: null }, { op: "state", otherId: null }]);
  });

  it("reads a link's ref back as owner, repo and number", () => {
    expect(parseIssueRef("acme/app#12")).toEqual({ owner: "acme", repo: "app", number: 12 });
    expect(parseIssueRef("HUB-12")).toBeNull();
  });
});

describe("GitHub's link events", () => {
  it("reads blocked_by_added as the blocked issue waiting on the blocking one", () => {
    expect(compactIssueDependency(issueDependencyPayload("Acme/App", "blocked_by_added", 5, 3))).toEqual({
      kind: "blocked_by", added: true, repo: "Acme/App", issue: "acme/app#5", other: "acme/app#3", actor: "octocat",
    });
  });

  it("reads sub_issue_removed as the sub-issue leaving its parent", () => {
    expect(compactSubIssue(subIssuePayload("acme/app", "sub_issue_removed", 1, 2))).toMatchObject({ kind: "sub_issue", added: false, issue: "acme/app#2", other: "acme/app#1" });
  });

  it("acts on the blocked and parent side only: the blocking and child sides are the same link told twice", () => {
    const blocking = { ...issueDependencyPayload("acme/app", "blocked_by_added", 5, 3), action: "blocking_added" };
    expect(planGitHubEvent("issue_dependencies", blocking)).toMatchObject({ kind: "ignore" });
    expect(planGitHubEvent("sub_issues", subIssuePayload("acme/app", "sub_issue_added", 1, 2))).toMatchObject({ kind: "workflow", event: "sub_issues" });
  });

  it("sends a plain issue comment on to be synced, and ignores a plain PR comment at the door", () => {
    expect(planGitHubEvent("issue_comment", issueCommentPayload("acme/app", { number: 1, body: "hi" }))).toMatchObject({ kind: "workflow" });
    expect(planGitHubEvent("issue_comment", issueCommentPayload("acme/app", { number: 1, body: "hi", pullRequest: true }))).toMatchObject({ kind: "ignore" });
  });
});

describe("which issue is the hub's own for a task", () => {
  it("is one whose marked footer names the task, with or without the hub's URL", () => {
    expect(isIssueForTask(issueForTask({ key: "HUB-7", title: "T", description: "D" }, "https://hub.example").body, "HUB-7")).toBe(true);
    expect(isIssueForTask(issueForTask({ key: "HUB-7", title: "T", description: null }).body, "HUB-7")).toBe(true);
  });

  it("is not another task's whose key starts the same", () => {
    expect(isIssueForTask(issueForTask({ key: "HUB-71", title: "T", description: null }).body, "HUB-7")).toBe(false);
    expect(isIssueForTask(issueForTask({ key: "HUB-71", title: "T", description: null }, "https://hub.example").body, "HUB-7")).toBe(false);
  });

  it("is not one whose footer words come without the hub's marker, or only above it in the description", () => {
    expect(isIssueForTask("_Synced with taskhub HUB-7._", "HUB-7")).toBe(false);
    expect(isIssueForTask(issueForTask({ key: "HUB-8", title: "T", description: "_Synced with taskhub HUB-7._" }).body, "HUB-7")).toBe(false);
    expect(isIssueForTask(null, "HUB-7")).toBe(false);
  });
});
