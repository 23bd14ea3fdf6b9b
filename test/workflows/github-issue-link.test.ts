// GitHub Issues synced into the hub on Cloudflare Workflows and D1, through the signed webhook route: links, sub-issues and comments of owned repositories only.
import { describe, expect, it } from "vitest";
import { deliver } from "../support/github-deliveries";
import { issueCommentPayload, issueDependencyPayload, issuesPayload, subIssuePayload } from "../support/github-payloads";
import { call, createProject, getTask } from "../support/hub";

/** A project of this repository that syncs its issues (or only owns it), with tasks for its issues #1 and #2. */
async function syncing(key: string, repo: string, settings: Record<string, unknown> = { syncIssues: true }) {
  await createProject(key, { repos: [repo] });
  expect((await call(`/api/projects/${key}`, { method: "PUT", json: { settings: { mirrorIssues: true, ...settings } } })).status).toBe(200);
  await deliver("issues", issuesPayload(repo, "opened", { number: 1, title: "Epic" }));
  await deliver("issues", issuesPayload(repo, "opened", { number: 2, title: "Part" }));
  return { first: `${key}-1`, second: `${key}-2` };
}

describe("GitHub's issue links on the hub", () => {
  it("makes blocked_by a dependency and a sub-issue a subtask", async () => {
    const { first, second } = await syncing("ILA", "acme/ila");
    await deliver("issue_dependencies", issueDependencyPayload("acme/ila", "blocked_by_added", 2, 1));
    await deliver("sub_issues", subIssuePayload("acme/ila", "sub_issue_added", 1, 2));
    expect(await getTask(second)).toMatchObject({ dependsOn: [first], parent: first });
  });

  it("keeps a collaborator's comment on the issue's task", async () => {
    const { first } = await syncing("ILB", "acme/ilb");
    await deliver("issue_comment", issueCommentPayload("acme/ilb", { number: 1, body: "Repro attached", association: "MEMBER", author: "mona", commentId: 71001 }));
    expect((await getTask(first))?.activity.some((a: { action: string }) => a.action === "commented")).toBe(true);
  });

  it("changes nothing for a project that only mirrors issues", async () => {
    const { second } = await syncing("ILC", "acme/ilc", { syncIssues: false });
    await deliver("issue_dependencies", issueDependencyPayload("acme/ilc", "blocked_by_added", 2, 1));
    await deliver("sub_issues", subIssuePayload("acme/ilc", "sub_issue_added", 1, 2));
    expect(await getTask(second)).toMatchObject({ dependsOn: [], parent: null });
  });

  it("changes nothing from a stranger's repository with the same issue numbers", async () => {
    const { first, second } = await syncing("ILD", "acme/ild");
    await deliver("issue_dependencies", issueDependencyPayload("stranger/ild", "blocked_by_added", 2, 1));
    await deliver("sub_issues", subIssuePayload("stranger/ild", "sub_issue_added", 1, 2));
    await deliver("issue_comment", issueCommentPayload("stranger/ild", { number: 1, body: "hello", association: "OWNER", commentId: 71002 }));
    expect(await getTask(second)).toMatchObject({ dependsOn: [], parent: null });
    expect((await getTask(first))?.activity.some((a: { action: string }) => a.action === "commented")).toBe(false);
  });
});
