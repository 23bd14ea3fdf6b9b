// GitHub acts only within the projects that claim the event's repository: strangers' repos, other teams' keys and outsiders' comments move nothing.
import { env } from "cloudflare:test";
import catalog from "@octokit/webhooks-examples/api.github.com/index.json";
import { describe, expect, it } from "vitest";
import { deliver, mirroringProject, newTask } from "../support/github-deliveries";
import { issueCommentPayload, issuesPayload, pullRequestPayload, pushPayload } from "../support/github-payloads";
import { call, createProject, eventually, getTask, webhook } from "../support/hub";

const snapshot = async (key: string) => {
  const t = await getTask(key);
  return { status: t?.status, links: t?.links, activity: (t?.activity as { action: string }[] | undefined)?.map((a) => a.action) };
};

describe("a repository no project claims", () => {
  it("cannot link a task by a /taskhub comment", async () => {
    await createProject("SCA", { repos: ["acme/sca"] });
    const key = await newTask("SCA");
    await deliver("issue_comment", issueCommentPayload("stranger/public", { number: 1, body: `/taskhub link ${key}`, pullRequest: true }));
    expect((await getTask(key))?.links).toEqual([]);
  });

  it("cannot start a task by a pull request naming it", async () => {
    await createProject("SCB", { repos: ["acme/scb"] });
    const key = await newTask("SCB");
    await deliver("pull_request", pullRequestPayload("stranger/public", "opened", { number: 2, title: "Tidy", body: `refs ${key}` }));
    expect(await snapshot(key)).toMatchObject({ status: "todo", links: [] });
  });

  it("cannot complete a task by a default-branch push or a merged pull request", async () => {
    await createProject("SCC", { repos: ["acme/scc"] });
    const key = await newTask("SCC");
    await deliver("push", pushPayload("stranger/public", "refs/heads/main", [{ message: `Fixes ${key}` }]));
    await deliver("pull_request", pullRequestPayload("stranger/public", "closed", { number: 3, title: `Fixes ${key}`, state: "closed", merged: true }));
    expect(await snapshot(key)).toMatchObject({ status: "todo", links: [] });
  });

  it("changes nothing with any of GitHub's example push, pull_request, issues and issue_comment events naming a task", { timeout: 60_000 }, async () => {
    await mirroringProject("SCD", "acme/scd");
    const key = await newTask("SCD");
    const before = await snapshot(key);
    const text = `Fixes ${key}\n/taskhub link ${key}\nrefs #1`;
    const events = ["push", "pull_request", "issues", "issue_comment"];
    const examples = (catalog as { name: string; examples: any[] }[]).filter((e) => events.includes(e.name)).flatMap((e) => e.examples.map((p) => ({ event: e.name, p: structuredClone(p) })));
    expect(examples.length).toBeGreaterThan(20);
    const ids: string[] = [];
    for (const { event, p } of examples) {
      for (const c of p.commits ?? []) c.message = text;
      if (p.pull_request) Object.assign(p.pull_request, { title: `Fixes ${key}`, body: text, head: { ...p.pull_request.head, ref: key.toLowerCase() } });
      if (p.issue) Object.assign(p.issue, { title: `Fixes ${key}`, body: text });
      if (p.comment) p.comment.body = text;
      const delivery = crypto.randomUUID();
      ids.push(`github:${delivery}`);
      expect((await webhook(event, p, { delivery })).status).toBeLessThan(300);
    }
    await eventually(async () => {
      const { results } = await env.DB.prepare(`SELECT status FROM deliveries WHERE id IN (SELECT value FROM json_each(?))`).bind(JSON.stringify(ids)).all<{ status: string }>();
      return results.every((r) => r.status !== "received" && r.status !== "emitted");
    }, { tries: 400 });
    expect(await snapshot(key)).toEqual(before);
    const tasks = await call("/api/projects/SCD/tasks");
    expect((await tasks.json()).tasks).toHaveLength(1);
  });
});

describe("a repository another project claims", () => {
  it("cannot move or link a task of a project that does not claim it", async () => {
    await createProject("SCE", { repos: ["acme/sce"] });
    await createProject("SCF", { repos: ["acme/scf"] });
    const key = await newTask("SCF");
    await deliver("push", pushPayload("acme/sce", "refs/heads/main", [{ message: `Fixes ${key}` }]));
    await deliver("pull_request", pullRequestPayload("acme/sce", "opened", { number: 4, title: "Work", body: `refs ${key}` }));
    await deliver("issue_comment", issueCommentPayload("acme/sce", { number: 5, body: `/taskhub link ${key}` }));
    expect(await snapshot(key)).toMatchObject({ status: "todo", links: [] });
  });

  it("cannot reach another project's mirrored issue by owner/repo#N", async () => {
    await mirroringProject("SCG", "acme/scg");
    await createProject("SCH", { repos: ["acme/sch"] });
    await deliver("issues", issuesPayload("acme/scg", "opened", { number: 6, title: "Mirrored" }));
    const key = "SCG-1";
    expect((await getTask(key))?.status).toBe("todo");
    await deliver("push", pushPayload("acme/sch", "refs/heads/main", [{ message: "Fixes acme/scg#6" }]));
    expect((await getTask(key))?.status).toBe("todo");
  });

  it("still acts on its own project's keys and issues", async () => {
    await createProject("SCI", { repos: ["acme/sci"] });
    const key = await newTask("SCI");
    await deliver("push", pushPayload("acme/sci", "refs/heads/main", [{ message: `Fixes ${key}` }]));
    expect((await getTask(key))?.status).toBe("completed");
  });
});

describe("/taskhub commands", () => {
  for (const [i, association] of ["NONE", "CONTRIBUTOR", "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER"].entries()) {
    it(`are ignored from a commenter who is ${association}`, async () => {
      const k = `SCJ${i}`;
      await createProject(k, { repos: [`acme/${k.toLowerCase()}`] });
      const key = await newTask(k);
      await deliver("issue_comment", issueCommentPayload(`acme/${k.toLowerCase()}`, { number: 7, body: `/taskhub link ${key}`, association }));
      expect((await getTask(key))?.links).toEqual([]);
    });
  }

  for (const [i, association] of ["OWNER", "MEMBER", "COLLABORATOR"].entries()) {
    it(`are obeyed from a commenter who is ${association}`, async () => {
      const k = `SCK${i}`;
      await createProject(k, { repos: [`acme/${k.toLowerCase()}`] });
      const key = await newTask(k);
      await deliver("issue_comment", issueCommentPayload(`acme/${k.toLowerCase()}`, { number: 8, body: `/taskhub link ${key}`, association }));
      expect((await getTask(key))?.links).toContainEqual(expect.objectContaining({ kind: "issue", ref: `acme/${k.toLowerCase()}#8` }));
    });
  }
});
