// End to end: signed pushes and pull requests written in GitHub's, Linear's and Jira's dialects, read back through the REST API.
import { beforeAll, describe, expect, it } from "vitest";
import { issuesPayload, pullRequestPayload, pushPayload, type PullRequestFields } from "../support/github-payloads";
import { deliver, newTask } from "../support/github-deliveries";
import { call, createProject, eventually, getTask } from "../support/hub";

const REPO = "acme/dialects";

const push = (ref: string, ...messages: string[]) => deliver("push", pushPayload(REPO, ref, messages.map((message) => ({ message }))));
const pr = (action: string, f: PullRequestFields) => deliver("pull_request", pullRequestPayload(REPO, action, f));
const merge = (f: PullRequestFields) => pr("closed", { ...f, state: "closed", merged: true });

const task = (title: string) => newTask("DIA", title);
const statusOf = async (key: string) => (await getTask(key))?.status;

beforeAll(async () => {
  await createProject("DIA", { repos: [REPO] });
  await call("/api/projects/DIA", { method: "PUT", json: { settings: { mirrorIssues: true } } });
});

describe("GitHub's dialect", () => {
  it("closes a task with 'Fixes KEY' pushed to the default branch", async () => {
    const key = await task("Plug the leak");
    await push("refs/heads/main", `Fixes ${key}: plug the leak`);
    expect(await statusOf(key)).toBe("completed");
  });

  it("closes the tasks of 'Resolves KEY-1, KEY-2 and KEY-3' in a merged PR body", async () => {
    const keys = [await task("One"), await task("Two"), await task("Three")];
    await merge({ number: 101, title: "Batch", body: `Resolves ${keys[0]}, ${keys[1]} and ${keys[2]}` });
    expect(await Promise.all(keys.map(statusOf))).toEqual(["completed", "completed", "completed"]);
  });

  it("closes the task mirroring an issue named as owner/repo#N", async () => {
    await deliver("issues", issuesPayload(REPO, "opened", { number: 77, title: "Mirrored bug" }));
    const key = await eventually(async () => {
      const { tasks } = (await (await call("/api/tasks?project=DIA&q=Mirrored")).json()) as { tasks: { key: string }[] };
      return tasks[0]?.key;
    });
    await push("refs/heads/main", `Closes ${REPO}#77`);
    const t = await getTask(key);
    expect(t?.status).toBe("completed");
    expect(t?.links.map((l: { kind: string }) => l.kind).sort()).toEqual(["commit", "issue"]);
  });

  it("ignores a closing word quoted in a code block", async () => {
    const key = await task("Quoted only");
    await push("refs/heads/main", `Docs\n\n\`\`\`\nFixes ${key}\n\`\`\``);
    expect(await statusOf(key)).toBe("todo");
  });
});

describe("Linear's dialect", () => {
  it("closes with 'Completes KEY' on the default branch", async () => {
    const key = await task("Linear completes");
    await push("refs/heads/main", `Completes ${key}`);
    expect(await statusOf(key)).toBe("completed");
  });

  it("moves a task through in_progress, review and completed from its branch-named PR", async () => {
    const key = await task("Branch named");
    const fields = { number: 102, title: "Tidy the pool", head: `${key.toLowerCase()}-tidy-pool`, draft: true };
    await pr("opened", fields);
    expect(await statusOf(key)).toBe("in_progress");
    await pr("ready_for_review", { ...fields, draft: false });
    expect(await statusOf(key)).toBe("review");
    await merge({ ...fields, draft: false });
    expect(await statusOf(key)).toBe("completed");
  });

  it("only links with 'Part of KEY' in a merged PR", async () => {
    const key = await task("Part of");
    await merge({ number: 103, title: "Groundwork", body: `Part of ${key}` });
    const t = await getTask(key);
    expect(t?.status).toBe("todo");
    expect(t?.links).toContainEqual(expect.objectContaining({ kind: "pull_request", state: "merged" }));
  });
});

describe("Jira's dialect", () => {
  it("comments, logs time and completes from one smart commit on the default branch", async () => {
    const key = await task("Smart commit");
    await push("refs/heads/main", `${key} #comment pool fixed #time 1d 2h #done`);
    expect(await statusOf(key)).toBe("completed");
    const comments = (await (await call(`/api/tasks/${key}/comments`)).json()) as { comments: { body: string }[] };
    expect(comments.comments.map((c) => c.body)).toEqual(["pool fixed"]);
    const time = (await (await call(`/api/tasks/${key}/time`)).json()) as { totalMinutes: number };
    expect(time.totalMinutes).toBe(10 * 60);
  });

  it("moves to review on #review from a feature branch", async () => {
    const key = await task("Jira review");
    await push("refs/heads/feature", `${key} #review`);
    expect(await statusOf(key)).toBe("review");
  });

  it("closes a task named in a merged PR's title", async () => {
    const key = await task("Jira title");
    await merge({ number: 104, title: `${key} Fix the flaky test` });
    expect(await statusOf(key)).toBe("completed");
  });
});
