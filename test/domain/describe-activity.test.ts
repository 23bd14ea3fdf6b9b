import { describe, expect, it } from "vitest";
import { ACTIVITY_ACTIONS, type ActivityAction } from "../../src/domain/activity";
import { describeActivity, describeSource, plainText, type Part } from "../../src/domain/describe-activity";

const say = (action: ActivityAction, data: Record<string, unknown>, actor = "system") => {
  const d = describeActivity({ action, actor, data });
  return { what: plainText(d.what), by: plainText(d.by), parts: [...d.what, ...d.by] };
};
const hrefs = (parts: Part[]) => parts.flatMap((p) => (p.href ? [p.href] : []));

/** One realistic row per action, as the stores write them. */
const ROWS: Record<ActivityAction, Record<string, unknown>> = {
  created: { title: "Fix the leak", status: "todo", source: "task-tool" },
  updated: { changes: { priority: ["medium", "high"] } },
  status_changed: { reason: "task-tool", changes: { status: ["todo", "in_progress"] } },
  deleted: { key: "HUB-3", title: "Old" },
  commented: { commentId: "c1", excerpt: "looks good" },
  time_logged: { minutes: 90, source: "commit", sha: "abc1234def" },
  linked: { kind: "pull_request", ref: "acme/hub#42", url: "https://github.com/acme/hub/pull/42", state: "open", closes: true },
  commit_closed: { kind: "commit", sha: "abc1234def", url: "https://github.com/acme/hub/commit/abc1234def", repo: "acme/hub", state: "completed" },
  pull_request_open: { kind: "pull_request", ref: "acme/hub#42", url: "https://github.com/acme/hub/pull/42", state: "open", closes: true },
  pull_request_draft: { kind: "pull_request", ref: "acme/hub#42", url: "https://github.com/acme/hub/pull/42", state: "draft", closes: true },
  pull_request_review: { kind: "pull_request", ref: "acme/hub#42", url: "https://github.com/acme/hub/pull/42", state: "review", closes: true },
  pull_request_merged: { kind: "pull_request", ref: "acme/hub#42", url: "https://github.com/acme/hub/pull/42", state: "merged", closes: true, base: "release" },
  pull_request_closed: { kind: "pull_request", ref: "acme/hub#42", url: "https://github.com/acme/hub/pull/42", state: "closed", closes: false },
  dependency_added: { dependsOn: "HUB-1", dependsOnId: "t1" },
  dependency_removed: { dependsOn: "HUB-1", dependsOnId: "t1" },
  unblocked: { by: "HUB-1", byId: "t1" },
  member_set: { userId: "u1", role: "owner" },
  member_removed: { userId: "u1" },
  github_call_skipped: { call: "upsertPullRequestComment", pullRequest: "acme/hub#42", status: 0, message: "no GITHUB_TOKEN" },
  github_call_failed: { call: "upsertPullRequestComment", pullRequest: "acme/hub#42", status: 403, message: "Resource not accessible" },
  imported: { tasks: 3, comments: 2 },
};

describe("describeActivity", () => {
  it.each(ACTIVITY_ACTIONS.map((a) => [a]))("%s reads as words, with no JSON and no field dumped", (action) => {
    const { what, by } = say(action, ROWS[action]);
    expect(what.length).toBeGreaterThan(0);
    expect(`${what} ${by}`).not.toMatch(/[{}"]|\[object/);
    expect(what).not.toContain("also");
  });

  it("a status move by a session names the states, the session and the tool", () => {
    const s = say("status_changed", ROWS.status_changed, "claude:4d56e1aa-0000-4000-8000-000000000000");
    expect(s.what).toBe("status todo → in progress");
    expect(s.by).toBe("Claude Code session 4d56… (TaskUpdate)");
    expect(hrefs(s.parts)).toEqual(["/sessions/4d56e1aa-0000-4000-8000-000000000000"]);
  });

  it("a PR link names its number and links to GitHub", () => {
    const s = say("linked", ROWS.linked);
    expect(s.what).toBe("linked to PR #42 (open, closes it)");
    expect(hrefs(s.parts)).toEqual(["https://github.com/acme/hub/pull/42"]);
  });

  it("time logged by a commit says hours and the short sha", () => {
    expect(say("time_logged", ROWS.time_logged).what).toBe("logged 1h 30m (commit abc1234)");
  });

  it("a comment says commented, not its body", () => {
    expect(say("commented", ROWS.commented).what).toBe("commented");
  });

  it("a PR merged elsewhere says where it went", () => {
    expect(say("pull_request_merged", ROWS.pull_request_merged).what).toBe("PR #42 merged into release");
  });

  it("unknown fields are named, not printed", () => {
    const s = say("updated", { changes: { title: ["a", "b"] }, secret: { deep: "<script>" } });
    expect(s.what).toBe("title a → b · also secret");
    expect(s.what).not.toContain("<script>");
  });

  it("a value that is not a list or string is summarised", () => {
    expect(say("updated", { changes: { tags: [[], ["x", "y"]] } }).what).toBe("tags none → x, y");
  });

  it("only http(s) URLs become links", () => {
    const s = say("linked", { kind: "commit", sha: "abc1234", url: "javascript:alert(1)" });
    expect(hrefs(s.parts)).toEqual([]);
    expect(s.what).toBe("linked to commit abc1234");
  });

  it("a comment link says it came from a /taskhub comment", () => {
    expect(say("linked", { kind: "issue", ref: "acme/hub#7", url: "https://github.com/acme/hub/issues/7", by: "comment" }).what).toBe(
      "linked to issue #7 by a /taskhub comment",
    );
  });

  it("a link the issue sync made says the hub opened the issue", () => {
    expect(say("linked", { kind: "issue", ref: "acme/hub#8", url: "https://github.com/acme/hub/issues/8", by: "sync" }).what).toBe(
      "linked to issue #8 (its issue, opened by the hub)",
    );
  });
});

describe("describeSource", () => {
  it("a session's task links to the session page", () => {
    const parts = describeSource({ kind: "task-tool", ref: "4d56e1aa-1" });
    expect(plainText(parts)).toBe("Claude Code session 4d56… (Task tools)");
    expect(hrefs(parts)).toEqual(["/sessions/4d56e1aa-1"]);
  });

  it("a mirrored issue links to GitHub", () => {
    const parts = describeSource({ kind: "github-issue", ref: "https://github.com/acme/hub/issues/12" });
    expect(plainText(parts)).toBe("GitHub issue #12");
    expect(hrefs(parts)).toEqual(["https://github.com/acme/hub/issues/12"]);
  });

  it("a hand-made task says so, an import names its file as text", () => {
    expect(plainText(describeSource({ kind: "manual" }))).toBe("by hand");
    const imp = describeSource({ kind: "import", ref: "javascript:alert(1)" });
    expect(hrefs(imp)).toEqual([]);
  });
});

it("a status move leads the changes it came with", () => {
  expect(say("updated", { changes: { priority: ["medium", "high"], status: ["todo", "review"] } }).what).toBe("status todo → review, priority medium → high");
});
