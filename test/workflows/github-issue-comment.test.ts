// github-issue-comment (workflow issue-comment-commands): "/taskhub link KEY" in a GitHub comment links that issue or PR to the task.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { deliver, newTask } from "../support/github-deliveries";
import { issueCommentPayload, pushPayload } from "../support/github-payloads";
import { createProject, eventually, getTask, webhook } from "../support/hub";

describe("/taskhub link", () => {
  it("links an issue so that a commit fixing it completes the task", async () => {
    await createProject("ICA", { repos: ["acme/ica"] });
    const key = await newTask("ICA");
    await deliver("issue_comment", issueCommentPayload("acme/ica", { number: 31, body: `Tracking this.\n/taskhub link ${key}` }));
    await deliver("push", pushPayload("acme/ica", "refs/heads/main", [{ message: "Fixes #31" }]));
    expect((await getTask(key))?.status).toBe("completed");
  });

  it("links a pull request to the task", async () => {
    await createProject("ICB", { repos: ["acme/icb"] });
    const key = await newTask("ICB");
    await deliver("issue_comment", issueCommentPayload("acme/icb", { number: 32, body: `/taskhub link ${key}`, pullRequest: true }));
    expect((await getTask(key))?.links).toContainEqual(expect.objectContaining({ kind: "pull_request", ref: "acme/icb#32" }));
  });

  // A plain comment on an issue may belong to a synced task (test/integrations-node/issue-sync.test.ts); on a PR it cannot.
  it("ignores pull request comments that do not address the hub", async () => {
    const res = await webhook("issue_comment", issueCommentPayload("acme/icc", { number: 33, body: "link HUB-1 please", pullRequest: true }), { delivery: "comment-plain" });
    expect(await res.json()).toMatchObject({ ignored: true });
    expect(await eventually(() => env.DB.prepare(`SELECT status FROM deliveries WHERE id = 'github:comment-plain'`).first<string>("status"))).toBe("ignored");
  });
});
