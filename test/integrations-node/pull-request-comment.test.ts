// The PR comment step against a real D1 and GitHub's REST API as msw serves it: created once, then edited in place.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Env } from "../../src/config";
import { buildServices, type Services } from "../../src/services";
import type { Step } from "../../src/workflows/define";
import { commentOnPullRequest } from "../../src/workflows/pull-request-comment";
import { nodeD1 } from "../support/node-d1";

/** GET /user: the login the hub writes as. */
const server = setupServer(http.get("https://api.github.com/user", () => HttpResponse.json({ login: "taskhub-bot", id: 1 })));
let d1: Awaited<ReturnType<typeof nodeD1>>;
let services: Services;
let repo: string;
let taskKey: string;
let projectId: string;
const API = () => `https://api.github.com/repos/${repo}`;
const now = () => new Date().toISOString();

/** The engine is not under test here: each step runs once, as an engine's first attempt would. */
const step: Step = {
  run: (_name, fn) => fn(),
  sleep: async () => {},
  sleepUntil: async () => {},
  sendEvent: async () => {},
};

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  d1 = await nodeD1();
  services = buildServices({ DB: d1.db, GITHUB_TOKEN: "ghp_test_token" } as unknown as Env);
});
afterAll(async () => {
  server.close();
  await d1.dispose();
});
afterEach(() => server.resetHandlers());
beforeEach(async () => {
  const key = Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");
  repo = `acme/${key.toLowerCase()}`;
  const project = await services.store.createProject({ key, name: key, repos: [repo], paths: [], at: now() });
  projectId = project.id;
  taskKey = (await services.store.createTask({ projectKey: key, title: "Fix <b>the</b> leak | @everyone" }, "admin", now())).key;
  await services.store.applyPullRequest({
    repo, number: 7, url: `https://github.com/${repo}/pull/7`, title: "Fix", base: "main",
    event: { action: "opened", open: true, merged: false, draft: false }, intoDefaultBranch: true,
    links: [{ taskKey, closes: true }], projectIds: [project.id], actor: "github:octocat", at: now(),
  });
});

function github(writeStatus = 200) {
  const calls: { path: string; body: string | null }[] = [];
  const answer = (id: number) => (writeStatus < 300 ? HttpResponse.json({ id }) : HttpResponse.json({ message: "Refused" }, { status: writeStatus }));
  server.use(
    http.get(`${API()}/issues/7/comments`, () => (calls.push({ path: "list", body: null }), HttpResponse.json([]))),
    http.post(`${API()}/issues/7/comments`, async ({ request }) => {
      calls.push({ path: "create", body: ((await request.json()) as { body: string }).body });
      return answer(555);
    }),
    http.patch(`https://api.github.com/repos/${repo}/issues/comments/:id`, async ({ request, params }) => {
      calls.push({ path: `update ${params.id}`, body: ((await request.json()) as { body: string }).body });
      return answer(Number(params.id));
    }),
  );
  return calls;
}

const actions = async () => (await services.store.getTask(taskKey))!.activity.map((a) => a.action);

describe("the PR comment", () => {
  it("is created once, its id remembered, and edited in place on the next change", async () => {
    const calls = github();
    await commentOnPullRequest(step, services, repo, 7, "comment");
    await services.store.updateTask(taskKey, { status: "review" }, "admin", now());
    await commentOnPullRequest(step, services, repo, 7, "comment");
    expect(calls.map((c) => c.path)).toEqual(["list", "create", "list", "update 555"]);
    expect(calls[3].body).toContain("In review");
  });

  it("escapes the task title it lists", async () => {
    const calls = github();
    await commentOnPullRequest(step, services, repo, 7, "comment");
    expect(calls[1].body).not.toMatch(/<b>|@everyone|\| @/);
    expect(calls[1].body).toContain(taskKey);
  });

  it("records a 403 on the linked task's activity and ends", async () => {
    github(403);
    await commentOnPullRequest(step, services, repo, 7, "comment");
    expect(await actions()).toContain("github_call_failed");
  });

  it("records giving up on the task's activity when GitHub keeps failing", async () => {
    github(502);
    await commentOnPullRequest(step, services, repo, 7, "comment");
    const failed = (await services.store.getTask(taskKey))!.activity.find((a) => a.action === "github_call_failed");
    expect(failed?.data).toMatchObject({ pullRequest: `${repo}#7`, message: expect.stringContaining("gave up") });
  });

  it("lists only tasks of the projects that claim the repository", async () => {
    // A link from before links were scoped: the PR's public comment must not show another project's task.
    const other = await services.store.createProject({ key: `X${repo.slice(5, 10).toUpperCase()}`, name: "Other", repos: [], paths: [], at: now() });
    const secret = (await services.store.createTask({ projectKey: other.key, title: "Secret plan" }, "admin", now())).key;
    await services.store.applyPullRequest({
      repo, number: 7, url: `https://github.com/${repo}/pull/7`, title: "Fix", base: "main",
      event: { action: "edited", open: true, merged: false, draft: false }, intoDefaultBranch: true,
      links: [{ taskKey: secret, closes: false }], projectIds: [projectId, other.id], actor: "github:octocat", at: now(),
    });
    const calls = github();
    await commentOnPullRequest(step, services, repo, 7, "comment");
    expect(calls[1].body).toContain(taskKey);
    expect(calls[1].body).not.toContain(secret);
    expect(calls[1].body).not.toContain("Secret plan");
  });
});
