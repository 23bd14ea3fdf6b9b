// End to end on the embedded default: a transcript and signed pushes go in over HTTP, the workflows
// run on Cloudflare Workflows and D1, and the REST API shows the result.
import { describe, expect, it } from "vitest";
import session from "../fixtures/claude/a-todowrite-v2.1.4.jsonl?raw";
import { call, createProject, eventually, getTask, webhook } from "../support/hub";

const pushPayload = (ref: string, messages: string[], repo = "acme/demo") => ({
  ref,
  repository: { full_name: repo, default_branch: "main" },
  sender: { login: "octocat" },
  commits: messages.map((message, i) => ({
    id: `${crypto.randomUUID().replace(/-/g, "")}${i}`.slice(0, 40),
    message,
    url: `https://github.com/${repo}/commit/${i}`,
    timestamp: "2026-11-25T10:00:00Z",
    author: { username: "octocat" },
  })),
});

describe("the spine", () => {
  it("turns a posted transcript's TodoWrite items into tasks of the project whose path matches", async () => {
    await createProject("DEMO", { paths: ["/Users/gtrrz-victor/wks/cli"], repos: ["acme/demo"] });
    const res = await call("/transcripts", { method: "POST", body: session, headers: { "content-type": "application/x-ndjson" } });
    expect(res.status).toBe(202);
    const tasks = await eventually(async () => {
      const body = (await (await call("/api/tasks?project=DEMO")).json()) as { tasks: { title: string; status: string }[] };
      return body.tasks.length >= 4 && body.tasks;
    });
    expect(tasks.map((t) => t.title)).toContain("Create telemetry package with telemetry.go");
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(["completed"]));
  });

  it("completes a task named with a closing keyword in a push to the default branch", async () => {
    await createProject("SPN", { repos: ["acme/spine"] });
    const created = await (await call("/api/tasks", { method: "POST", json: { project: "SPN", title: "Fix the leak" } })).json();
    expect(created.key).toBe("SPN-1");
    const res = await webhook("push", pushPayload("refs/heads/main", ["Fixes SPN-1: plug the leak"], "acme/spine"));
    expect(res.status).toBe(202);
    const task = await eventually(async () => {
      const t = await getTask("SPN-1");
      return t?.status === "completed" && t;
    });
    expect(task.links).toEqual([expect.objectContaining({ kind: "commit", url: "https://github.com/acme/spine/commit/0" })]);
  });

  it("only links and starts the task when the closing commit is on another branch", async () => {
    await createProject("BRN", { repos: ["acme/brn"] });
    await call("/api/tasks", { method: "POST", json: { project: "BRN", title: "Branch work" } });
    await webhook("push", pushPayload("refs/heads/feature/x", ["Fixes BRN-1"], "acme/brn"));
    const task = await eventually(async () => {
      const t = await getTask("BRN-1");
      return t?.links.length === 1 && t;
    });
    expect(task.status).toBe("in_progress");
  });

  it("links without closing for Refs", async () => {
    await createProject("REF", { repos: ["acme/ref"] });
    await call("/api/tasks", { method: "POST", json: { project: "REF", title: "Referenced" } });
    await webhook("push", pushPayload("refs/heads/main", ["Refs REF-1 groundwork"], "acme/ref"));
    const task = await eventually(async () => {
      const t = await getTask("REF-1");
      return t?.links.length === 1 && t;
    });
    expect(task.status).not.toBe("completed");
    expect(task.links[0].ref).toMatch(/^[0-9a-f]+$/);
  });
});
