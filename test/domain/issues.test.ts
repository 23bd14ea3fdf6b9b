// What an issues event makes of the task mirroring the issue.
import { describe, expect, it } from "vitest";
import type { CompactIssue } from "../../src/domain/github-events";
import { issueLink, issueTaskDraft, issueTaskPatch } from "../../src/domain/issues";
import type { Task } from "../../src/domain/tasks";

const issue = (over: Partial<CompactIssue>): CompactIssue => ({
  action: "opened", repo: "Acme/App", number: 7, url: "https://github.com/Acme/App/issues/7", title: "Crash", body: "", open: true,
  notPlanned: false, assignee: null, actor: "octocat", at: null, ...over,
});
const task = (over: Partial<Task>) => ({ title: "Crash", description: null, status: "in_progress", assigneeId: null, ...over }) as Task;

describe("issueTaskDraft", () => {
  it("keys the task by the issue, in lower case", () => {
    expect(issueTaskDraft(issue({}), null, "github:octocat").externalKey).toBe("github-issue:acme/app#7");
  });

  it("mirrors an issue closed as not planned as cancelled", () => {
    expect(issueTaskDraft(issue({ open: false, notPlanned: true }), null, "x").status).toBe("cancelled");
  });
});

describe("issueTaskPatch", () => {
  it("leaves the status alone on an edit", () => {
    expect(issueTaskPatch(task({}), issue({ action: "edited", title: "Crash on start" }), null)).toEqual({ title: "Crash on start" });
  });

  it("completes on close", () => {
    expect(issueTaskPatch(task({}), issue({ action: "closed", open: false }), null)).toEqual({ status: "completed" });
  });

  it("clears the assignee on unassigned", () => {
    expect(issueTaskPatch(task({ assigneeId: "u1" }), issue({ action: "unassigned" }), null)).toEqual({ assigneeId: null });
  });

  it("keeps the assignee when the event is not about assignment", () => {
    expect(issueTaskPatch(task({ assigneeId: "u1" }), issue({ action: "edited" }), null)).toEqual({});
  });
});

describe("issueLink", () => {
  it("links the mirroring task to its issue by its lower-case id, open or closed", () => {
    expect(issueLink(issue({ open: false }))).toEqual(expect.objectContaining({ ref: "acme/app#7", state: "closed" }));
  });

  it("caps the link's title at 200 characters", () => {
    expect(issueLink(issue({ title: "t".repeat(300) })).title).toHaveLength(200);
  });
});
