// github-issues (workflow sync-issues) on Cloudflare Workflows and D1: issues of a project that mirrors them become tasks and follow them.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { issuesPayload, pushPayload, type IssueFields } from "../support/github-payloads";
import { deliver, mirroringProject } from "../support/github-deliveries";
import { createProject, getTask } from "../support/hub";

const issue = (repo: string, action: string, f: IssueFields) => deliver("issues", issuesPayload(repo, action, f));

const mirrorOf = async (repo: string, number: number) => {
  const key = await env.DB.prepare(
    `SELECT p.key || '-' || t.number AS k FROM links l JOIN tasks t ON t.id = l.task_id JOIN projects p ON p.id = t.project_id WHERE l.kind = 'issue' AND l.ref = ?`,
  )
    .bind(`${repo}#${number}`)
    .first<string>("k");
  return key ? getTask(key) : null;
};

describe("mirroring issues", () => {
  it("creates a task linked to an opened issue", async () => {
    await mirroringProject("ISA", "acme/isa");
    await issue("acme/isa", "opened", { number: 1, title: "Crash on start", body: "Stack trace attached" });
    const task = await mirrorOf("acme/isa", 1);
    expect(task).toMatchObject({ title: "Crash on start", description: "Stack trace attached", status: "todo" });
    expect(task?.links).toContainEqual(expect.objectContaining({ kind: "issue", url: "https://github.com/acme/isa/issues/1" }));
  });

  it("creates nothing when the project does not mirror issues", async () => {
    await createProject("ISB", { repos: ["acme/isb"] });
    await issue("acme/isb", "opened", { number: 1, title: "Not mirrored" });
    expect(await mirrorOf("acme/isb", 1)).toBeNull();
  });

  it("completes the task when the issue closes", async () => {
    await mirroringProject("ISC", "acme/isc");
    await issue("acme/isc", "opened", { number: 2, title: "Close me" });
    await issue("acme/isc", "closed", { number: 2, title: "Close me", state: "closed" });
    expect((await mirrorOf("acme/isc", 2))?.status).toBe("completed");
  });

  it("moves the task back to todo when the issue reopens", async () => {
    await mirroringProject("ISD", "acme/isd");
    await issue("acme/isd", "closed", { number: 3, title: "Again", state: "closed" });
    await issue("acme/isd", "reopened", { number: 3, title: "Again" });
    expect((await mirrorOf("acme/isd", 3))?.status).toBe("todo");
  });

  it("follows edits of the title and body", async () => {
    await mirroringProject("ISE", "acme/ise");
    await issue("acme/ise", "opened", { number: 4, title: "Old", body: "old body" });
    await issue("acme/ise", "edited", { number: 4, title: "New", body: "new body" });
    expect(await mirrorOf("acme/ise", 4)).toMatchObject({ title: "New", description: "new body" });
  });

  it("assigns the task to the user whose githubLogin is the assignee", async () => {
    await mirroringProject("ISF", "acme/isf");
    await env.DB.prepare(`INSERT INTO users (id, email, name, github_login, created_at, updated_at) VALUES ('u-mona', 'mona@example.com', 'Mona', 'monalisa', 'now', 'now')`).run();
    await issue("acme/isf", "opened", { number: 5, title: "Mine" });
    await issue("acme/isf", "assigned", { number: 5, title: "Mine", assignee: "MonaLisa" });
    expect((await mirrorOf("acme/isf", 5))?.assigneeId).toBe("u-mona");
  });

  it("completes the mirrored task when a default-branch commit says Fixes #6", async () => {
    await mirroringProject("ISG", "acme/isg");
    await issue("acme/isg", "opened", { number: 6, title: "Fixed by a commit" });
    await deliver("push", pushPayload("acme/isg", "refs/heads/main", [{ message: "Fixes #6" }]));
    expect((await mirrorOf("acme/isg", 6))?.status).toBe("completed");
  });
});
