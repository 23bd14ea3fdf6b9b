// github-push (workflow link-commits) on Cloudflare Workflows and D1: pushes signed like GitHub's move, comment on and log time against tasks.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { pushPayload, newSha } from "../support/github-payloads";
import { deliver, newTask } from "../support/github-deliveries";
import { call, createProject, getTask } from "../support/hub";

const push = (repo: string, ref: string, commits: { message: string; sha?: string }[]) => deliver("push", pushPayload(repo, ref, commits));

const count = (table: "comments" | "time_entries", taskKey: string) =>
  env.DB.prepare(
    `SELECT COUNT(*) AS n FROM ${table} x JOIN tasks t ON t.id = x.task_id JOIN projects p ON p.id = t.project_id WHERE p.key || '-' || t.number = ?`,
  )
    .bind(taskKey)
    .first<number>("n");

describe("smart commits", () => {
  it("logs #time as a time entry in minutes, counting a week as 5 days of 8 hours", async () => {
    await createProject("TIM", { repos: ["acme/tim"] });
    const key = await newTask("TIM", "Measure");
    await push("acme/tim", "refs/heads/feature", [{ message: `${key} #time 1w 2d 4h 30m` }]);
    const row = await env.DB.prepare(`SELECT minutes, source FROM time_entries`).all<{ minutes: number; source: string }>();
    expect(row.results).toContainEqual({ minutes: (5 * 8 + 2 * 8 + 4) * 60 + 30, source: "commit" });
  });

  it("adds #comment text as a comment on the task", async () => {
    await createProject("CMT", { repos: ["acme/cmt"] });
    const key = await newTask("CMT", "Discuss");
    await push("acme/cmt", "refs/heads/feature", [{ message: `${key} #comment the leak is in the pool` }]);
    const body = await env.DB.prepare(`SELECT c.body FROM comments c JOIN tasks t ON t.id = c.task_id JOIN projects p ON p.id = t.project_id WHERE p.key = 'CMT'`).first<string>("body");
    expect(body).toBe("the leak is in the pool");
  });

  it("moves a task to review on #review", async () => {
    await createProject("REV", { repos: ["acme/rev"] });
    const key = await newTask("REV", "Review me");
    await push("acme/rev", "refs/heads/feature", [{ message: `${key} #review` }]);
    expect((await getTask(key))?.status).toBe("review");
  });

  it("moves a task to in_progress on #start", async () => {
    await createProject("STA", { repos: ["acme/sta"] });
    const key = await newTask("STA", "Start me");
    await push("acme/sta", "refs/heads/feature", [{ message: `${key} #start` }]);
    expect((await getTask(key))?.status).toBe("in_progress");
  });

  it("completes a task on #done only when the commit is on the default branch", async () => {
    await createProject("DON", { repos: ["acme/don"] });
    const key = await newTask("DON", "Finish me");
    const sha = newSha();
    await push("acme/don", "refs/heads/feature", [{ message: `${key} #done`, sha }]);
    expect((await getTask(key))?.status).toBe("in_progress");
    await push("acme/don", "refs/heads/main", [{ message: `${key} #done`, sha }]);
    expect((await getTask(key))?.status).toBe("completed");
  });

  it("applies several commands of one message", async () => {
    await createProject("MUL", { repos: ["acme/mul"] });
    const key = await newTask("MUL", "Many");
    await push("acme/mul", "refs/heads/main", [{ message: `${key} #time 2h #comment halfway #review` }]);
    expect((await getTask(key))?.status).toBe("review");
    expect(await count("comments", key)).toBe(1);
    expect(await count("time_entries", key)).toBe(1);
  });
});

describe("the same commit seen again", () => {
  it("adds its comment and time once when it reaches another branch", async () => {
    await createProject("ONC", { repos: ["acme/onc"] });
    const key = await newTask("ONC", "Once");
    const sha = newSha();
    const message = `${key} #time 1h #comment only once`;
    await push("acme/onc", "refs/heads/feature", [{ message, sha }]);
    await push("acme/onc", "refs/heads/main", [{ message, sha }]);
    await push("acme/onc", "refs/heads/release", [{ message, sha }]);
    expect(await count("comments", key)).toBe(1);
    expect(await count("time_entries", key)).toBe(1);
  });

  it("closes the task once, and does not reopen-and-close it after a person reopens it", async () => {
    await createProject("CLO", { repos: ["acme/clo"] });
    const key = await newTask("CLO", "Close once");
    const sha = newSha();
    await push("acme/clo", "refs/heads/main", [{ message: `Fixes ${key}`, sha }]);
    expect((await getTask(key))?.status).toBe("completed");
    expect((await call(`/api/tasks/${key}/status`, { method: "PUT", json: { status: "todo" } })).status).toBe(200);
    await push("acme/clo", "refs/heads/main", [{ message: `Fixes ${key}`, sha }]);
    const task = await getTask(key);
    expect(task?.status).toBe("todo");
    expect(task?.links.filter((l: { kind: string }) => l.kind === "commit")).toHaveLength(1);
  });
});

describe("issue references", () => {
  it("completes the task mirroring an issue named as #12 in a default-branch commit", async () => {
    const project = await createProject("ISR", { repos: ["acme/isr"] });
    const key = await newTask("ISR", "Mirrored issue");
    // The mirror link as sync-issues writes it; here set directly so this test is about commits alone.
    await env.DB.prepare(
      `INSERT INTO links (id, task_id, kind, url, ref, state, created_at, updated_at)
       SELECT 'l-isr', t.id, 'issue', 'https://github.com/acme/isr/issues/12', 'acme/isr#12', 'open', 'now', 'now' FROM tasks t WHERE t.project_id = ?`,
    )
      .bind(project.id)
      .run();
    await push("acme/isr", "refs/heads/main", [{ message: "Fixes #12" }]);
    expect((await getTask(key))?.status).toBe("completed");
  });

  it("leaves a task alone when the issue number is not mirrored", async () => {
    await createProject("ISN", { repos: ["acme/isn"] });
    const key = await newTask("ISN", "Unrelated");
    await push("acme/isn", "refs/heads/main", [{ message: "Fixes #1" }]);
    expect((await getTask(key))?.status).toBe("todo");
  });
});
