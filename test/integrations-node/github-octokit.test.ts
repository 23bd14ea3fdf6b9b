// The Octokit adapter against GitHub's REST API as msw serves it: one comment per PR, created once and edited in place.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OctokitGitHub } from "../../src/integrations/github-octokit";
import { COMMENT_MARKER } from "../../src/ports/github";

const API = "https://api.github.com/repos/acme/app";
const pr = { owner: "acme", repo: "app", number: 7 };
const body = `${COMMENT_MARKER}\n| HUB-1 | Fix | In progress | — |`;

interface Call {
  method: string;
  path: string;
  body: unknown;
  auth: string | null;
}

const HUB = "taskhub-bot";
let userCalls: string[] = [];
/** GET /user: the hub's own login, asked with the token it writes with. */
const server = setupServer(
  http.get("https://api.github.com/user", ({ request }) => {
    userCalls.push(request.headers.get("authorization") ?? "");
    return HttpResponse.json({ login: HUB, id: 1 });
  }),
);
let calls: Call[] = [];
const mine = (id: number, text: string) => ({ id, body: text, user: { login: HUB } });

/** GitHub as seen by the adapter: a list of existing comments and the status each write answers with. */
function github({ comments = [] as { id: number; body: string; user?: { login: string } }[], writeStatus = 200 } = {}) {
  const record = async (request: { method: string; headers: Headers; json(): Promise<unknown> }, path: string) => {
    calls.push({ method: request.method, path, body: request.method === "GET" ? null : await request.json(), auth: request.headers.get("authorization") });
  };
  server.use(
    http.get(`${API}/issues/7/comments`, async ({ request }) => (await record(request, "list"), HttpResponse.json(comments))),
    http.post(`${API}/issues/7/comments`, async ({ request }) =>
      (await record(request, "create"), writeStatus < 300 ? HttpResponse.json({ id: 555, body }, { status: 201 }) : HttpResponse.json({ message: "Nope" }, { status: writeStatus })),
    ),
    http.patch(`${API}/issues/comments/:id`, async ({ request, params }) =>
      (await record(request, `update ${params.id}`),
      writeStatus < 300 ? HttpResponse.json({ id: Number(params.id), body }) : HttpResponse.json({ message: "Nope" }, { status: writeStatus })),
    ),
  );
}

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  calls = [];
});
afterAll(() => server.close());

const adapter = () => new OctokitGitHub("ghp_test_token");

describe("upsertPullRequestComment", () => {
  it("creates the comment when the PR has none and returns its id", async () => {
    github();
    expect(await adapter().upsertPullRequestComment(pr, body, null)).toEqual({ ok: true, commentId: 555 });
    expect(calls.map((c) => c.path)).toEqual(["list", "create", "list"]);
    expect(calls[1].body).toEqual({ body });
  });

  it("edits the known comment in place without listing or creating", async () => {
    github();
    expect(await adapter().upsertPullRequestComment(pr, body, 42)).toEqual({ ok: true, commentId: 42 });
    expect(calls.map((c) => c.path)).toEqual(["update 42"]);
  });

  it("finds its own marked comment when the id was lost and edits it instead of posting another", async () => {
    github({ comments: [mine(1, "LGTM"), mine(9, `${COMMENT_MARKER}\nold`)] });
    expect(await adapter().upsertPullRequestComment(pr, body, null)).toEqual({ ok: true, commentId: 9 });
    expect(calls.map((c) => c.path)).toEqual(["list", "update 9"]);
  });

  it("deletes the duplicate when a racing run posted a comment too, keeping the oldest", async () => {
    const listed = [[], [mine(500, `${COMMENT_MARKER}\nother run`), mine(555, body)]];
    github();
    server.use(
      http.get(`${API}/issues/7/comments`, () => HttpResponse.json(listed.shift() ?? [])),
      http.delete(`${API}/issues/comments/:id`, ({ params }) => (calls.push({ method: "DELETE", path: `delete ${params.id}`, body: null, auth: null }), new HttpResponse(null, { status: 204 }))),
    );
    expect(await adapter().upsertPullRequestComment(pr, body, null)).toEqual({ ok: true, commentId: 500 });
    expect(calls.map((c) => c.path)).toEqual(["create", "delete 555"]);
  });

  it("posts a new comment when the remembered one was deleted", async () => {
    github();
    server.use(http.patch(`${API}/issues/comments/42`, () => HttpResponse.json({ message: "Not Found" }, { status: 404 })));
    expect(await adapter().upsertPullRequestComment(pr, body, 42)).toEqual({ ok: true, commentId: 555 });
  });

  it("returns a 403 as a failure instead of throwing", async () => {
    github({ writeStatus: 403 });
    expect(await adapter().upsertPullRequestComment(pr, body, null)).toMatchObject({ ok: false, skipped: false, status: 403 });
  });

  it("returns a 404 as a failure instead of throwing", async () => {
    server.use(http.get(`${API}/issues/7/comments`, () => HttpResponse.json({ message: "Not Found" }, { status: 404 })));
    expect(await adapter().upsertPullRequestComment(pr, body, null)).toMatchObject({ ok: false, status: 404 });
  });

  it("throws on a server error so the engine retries", async () => {
    github({ writeStatus: 502 });
    await expect(adapter().upsertPullRequestComment(pr, body, 42)).rejects.toMatchObject({ status: 502 });
  });

  it("sends the token as the authorization header", async () => {
    github();
    await adapter().upsertPullRequestComment(pr, body, 42);
    expect(calls[0].auth).toBe("token ghp_test_token");
  });

  it("does not take a marked comment someone else wrote for its own, and never deletes it", async () => {
    const pasted = { id: 3, body: `${COMMENT_MARKER}\npasted by a stranger`, user: { login: "stranger" } };
    const listed = [[pasted], [pasted, mine(555, body)]];
    github();
    server.use(http.get(`${API}/issues/7/comments`, () => HttpResponse.json(listed.shift() ?? [])));
    expect(await adapter().upsertPullRequestComment(pr, body, null)).toEqual({ ok: true, commentId: 555 });
    expect(calls.map((c) => c.path)).toEqual(["create"]);
  });
});

describe("whoAmI", () => {
  it("asks GitHub for the token's login once and keeps it", async () => {
    const gh = new OctokitGitHub("ghp_once_token");
    expect(await gh.whoAmI()).toBe(HUB);
    expect(await new OctokitGitHub("ghp_once_token").whoAmI()).toBe(HUB);
    expect(userCalls.filter((a) => a.endsWith("ghp_once_token"))).toHaveLength(1);
  });

  it("answers null when GitHub refuses to say, and then finds no comment of its own", async () => {
    server.use(http.get("https://api.github.com/user", () => HttpResponse.json({ message: "Resource not accessible by integration" }, { status: 403 })));
    const gh = new OctokitGitHub("ghp_refused_token");
    expect(await gh.whoAmI()).toBeNull();
    github({ comments: [mine(9, `${COMMENT_MARKER}\nold`)] });
    expect(await gh.upsertPullRequestComment(pr, body, null)).toEqual({ ok: true, commentId: 555 });
    expect(calls.map((c) => c.path)).toEqual(["create"]);
  });
});
