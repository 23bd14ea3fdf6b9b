// planCommitRef: what one commit writes on one task, decided once for both stores.
import { describe, expect, it } from "vitest";
import { planCommitRef, type CommitRef } from "../../src/domain/commits";

const ref = (extra: Partial<CommitRef> = {}): CommitRef => ({
  sha: "abc123", url: "https://github.com/acme/hub/commit/abc123", message: "Fix the leak\n\nlong body", repo: "acme/hub", taskKey: "HUB-1", projectIds: ["p1"],
  close: false, start: true, actor: "github:dev", at: "2026-12-01T10:00:00.000Z", ...extra,
});
const task = { id: "t1", projectId: "p1", status: "todo" as const };

describe("planCommitRef", () => {
  it("links a commit seen first, titled by its first line, and starts the task", () => {
    const plan = planCommitRef(task, null, ref())!;
    expect(plan.status).toBe("in_progress");
    expect(plan.link).toEqual({ insert: true, state: "linked", title: "Fix the leak" });
    expect(plan.activity).toEqual({ action: "linked", data: { kind: "commit", sha: "abc123", url: ref().url, repo: "acme/hub", state: "linked" } });
  });

  it("completes the task when the commit closes it on the default branch", () => {
    const plan = planCommitRef(task, null, ref({ close: true, start: false }))!;
    expect(plan.status).toBe("completed");
    expect(plan.link.state).toBe("closed");
  });

  it("does nothing for a commit seen again that does not close", () => {
    expect(planCommitRef(task, { state: "linked" }, ref())).toBeNull();
  });

  it("does nothing for a commit that already closed the task once", () => {
    expect(planCommitRef(task, { state: "closed" }, ref({ close: true }))).toBeNull();
  });

  it("closes through a link seen before, writing commit_closed and no second comment or time", () => {
    const plan = planCommitRef({ ...task, status: "in_progress" as const }, { state: "linked" }, ref({ close: true, comments: ["hi"], minutes: 30 }))!;
    expect(plan.status).toBe("completed");
    expect(plan.link.insert).toBe(false);
    expect(plan.activity.action).toBe("commit_closed");
    expect(plan.comments).toEqual([]);
    expect(plan.time).toBeNull();
  });

  it("keys each smart-commit comment and the time by commit and task, so a second sighting adds nothing", () => {
    const plan = planCommitRef(task, null, ref({ comments: ["first", "second"], minutes: 90 }))!;
    expect(plan.comments.map((c) => [c.externalKey, c.body, c.data])).toEqual([
      ["commit:abc123:t1:comment:0", "first", { sha: "abc123", excerpt: "first" }],
      ["commit:abc123:t1:comment:1", "second", { sha: "abc123", excerpt: "second" }],
    ]);
    expect(plan.time).toEqual({ externalKey: "commit:abc123:t1:time", minutes: 90, data: { minutes: 90, source: "commit", sha: "abc123" } });
  });

  it("moves nothing on finished work but still links the commit", () => {
    const plan = planCommitRef({ ...task, status: "completed" as const }, null, ref({ close: true }))!;
    expect(plan.status).toBeNull();
    expect(plan.link.insert).toBe(true);
  });

  it("writes nothing on a task outside the projects claiming the commit's repository", () => {
    expect(planCommitRef({ ...task, projectId: "p2" }, null, ref({ close: true }))).toBeNull();
  });
});
