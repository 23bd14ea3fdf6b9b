// Which pushes start a workflow: those whose commits could name a task; the rest are only recorded.

import { expect, it } from "vitest";
import { planGitHubEvent } from "../../src/domain/github-events";

const push = (...messages: string[]) => ({
  ref: "refs/heads/main",
  repository: { full_name: "o/r", default_branch: "main" },
  commits: messages.map((message, i) => ({ id: `sha${i}`, message })),
});

it("a push naming a task key, an issue number or an issue URL starts the workflow", () => {
  for (const m of ["Fixes HUB-12", "closes #4", "refs o/r#9", "see https://github.com/o/r/issues/3", "hub-7 #done"]) {
    expect(planGitHubEvent("push", push("Initial commit", m)).kind).toBe("workflow");
  }
});

it("a push whose commits name nothing is recorded without a workflow", () => {
  expect(planGitHubEvent("push", push("Initial commit", "Update README.md", "bump deps to v2"))).toMatchObject({ kind: "record" });
});
