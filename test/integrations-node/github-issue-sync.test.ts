// The Octokit adapter's issue-sync calls against GitHub's documented REST routes as msw serves them: issues, blocked_by, sub-issues, comments.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OctokitGitHub } from "../../src/integrations/github-octokit";

const API = "https://api.github.com/repos/acme/app";
const issue = (number: number) => ({ owner: "acme", repo: "app", number });

let calls: { method: string; path: string; body: unknown }[] = [];
const record = async (request: { method: string; url: string; text(): Promise<string> }) => {
  const url = new URL(request.url);
  const text = request.method === "GET" ? "" : await request.text();
  calls.push({ method: request.method, path: url.pathname.replace("/repos/acme/app", ""), body: text ? JSON.parse(text) : null });
};

/** Issue n has the id 1000 + n, as GET /repos/{owner}/{repo}/issues/{n} answers. */
const server = setupServer(
  http.get(`${API}/issues/:n`, async ({ request, params }) => {
    await record(request);
    const n = Number(params.n);
    return n === 404 ? HttpResponse.json({ message: "Not Found" }, { status: 404 }) : HttpResponse.json({ id: 1000 + n, number: n, state: "open" });
  }),
  http.post(`${API}/issues`, async ({ request }) => (await record(request), HttpResponse.json({ id: 1042, number: 42, html_url: "https://github.com/acme/app/issues/42" }, { status: 201 }))),
  http.patch(`${API}/issues/:n`, async ({ request, params }) => (await record(request), HttpResponse.json({ id: 1000 + Number(params.n), number: Number(params.n) }))),
  http.post(`${API}/issues/:n/dependencies/blocked_by`, async ({ request }) => (await record(request), HttpResponse.json({ id: 1, number: 1 }, { status: 201 }))),
  http.delete(`${API}/issues/:n/dependencies/blocked_by/:id`, async ({ request }) => (await record(request), HttpResponse.json({ id: 1, number: 1 }))),
  http.post(`${API}/issues/:n/sub_issues`, async ({ request }) => (await record(request), HttpResponse.json({ id: 1, number: 1 }, { status: 201 }))),
  http.delete(`${API}/issues/:n/sub_issue`, async ({ request }) => (await record(request), HttpResponse.json({ id: 1, number: 1 }))),
  http.post(`${API}/issues/:n/comments`, async ({ request }) => (await record(request), HttpResponse.json({ id: 777, body: "x" }, { status: 201 }))),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  calls = [];
});
afterAll(() => server.close());

const adapter = () => new OctokitGitHub("ghp_test_token");

describe("issue sync on GitHub", () => {
  it("opens an issue with the title and body and returns its number and URL", async () => {
    expect(await adapter().createIssue("acme/app", { title: "Fix it", body: "Body" })).toEqual({ ok: true, number: 42, url: "https://github.com/acme/app/issues/42" });
    expect(calls).toEqual([{ method: "POST", path: "/issues", body: { title: "Fix it", body: "Body" } }]);
  });

  it("lists the issues its own login opened since a time, newest first, leaving pull requests out", async () => {
    let query: Record<string, string> = {};
    server.use(
      http.get("https://api.github.com/user", () => HttpResponse.json({ login: "taskhub-bot", id: 1 })),
      http.get(`${API}/issues`, ({ request }) => {
        query = Object.fromEntries(new URL(request.url).searchParams);
        return HttpResponse.json([
          { id: 1043, number: 43, title: "Newer", body: "B", html_url: "https://github.com/acme/app/issues/43", pull_request: { url: "x" } },
          { id: 1042, number: 42, title: "Fix it", body: null, html_url: "https://github.com/acme/app/issues/42" },
        ]);
      }),
    );
    expect(await new OctokitGitHub("ghp_lister").recentOwnIssues("acme/app", "2026-12-01T10:00:00.000Z")).toEqual({
      ok: true, issues: [{ number: 42, url: "https://github.com/acme/app/issues/42", title: "Fix it", body: "" }],
    });
    expect(query).toEqual({ creator: "taskhub-bot", state: "all", since: "2026-12-01T10:00:00.000Z", sort: "created", direction: "desc", per_page: "100" });
  });

  it("lists every login's issues when GitHub will not say whose the token is", async () => {
    let query: Record<string, string> = {};
    server.use(
      http.get("https://api.github.com/user", () => HttpResponse.json({ message: "Resource not accessible by integration" }, { status: 403 })),
      http.get(`${API}/issues`, ({ request }) => ((query = Object.fromEntries(new URL(request.url).searchParams)), HttpResponse.json([]))),
    );
    expect(await new OctokitGitHub("ghs_installation").recentOwnIssues("acme/app", "2026-12-01T10:00:00.000Z")).toEqual({ ok: true, issues: [] });
    expect(query).not.toHaveProperty("creator");
  });

  it("writes the task's title and body over the issue's", async () => {
    expect(await adapter().editIssue(issue(5), { title: "New", body: "Text" })).toEqual({ ok: true });
    expect(calls).toEqual([{ method: "PATCH", path: "/issues/5", body: { title: "New", body: "Text" } }]);
  });

  it("closes an issue as not planned and reopens it", async () => {
    await adapter().setIssueState(issue(5), { open: false, reason: "not_planned" });
    await adapter().setIssueState(issue(5), { open: true });
    expect(calls.map((c) => c.body)).toEqual([{ state: "closed", state_reason: "not_planned" }, { state: "open" }]);
  });

  it("adds a blocked_by dependency by the blocking issue's id, not its number", async () => {
    expect(await adapter().setBlockedBy(issue(5), issue(3), true)).toEqual({ ok: true });
    expect(calls).toEqual([
      { method: "GET", path: "/issues/3", body: null },
      { method: "POST", path: "/issues/5/dependencies/blocked_by", body: { issue_id: 1003 } },
    ]);
  });

  it("removes a blocked_by dependency at its id's own URL", async () => {
    expect(await adapter().setBlockedBy(issue(5), issue(3), false)).toEqual({ ok: true });
    expect(calls.at(-1)).toMatchObject({ method: "DELETE", path: "/issues/5/dependencies/blocked_by/1003" });
  });

  it("takes a dependency GitHub no longer has as removed", async () => {
    server.use(http.delete(`${API}/issues/:n/dependencies/blocked_by/:id`, () => HttpResponse.json({ message: "Not Found" }, { status: 404 })));
    expect(await adapter().setBlockedBy(issue(5), issue(3), false)).toEqual({ ok: true });
  });

  it("attaches a sub-issue by its id, replacing any parent it had", async () => {
    expect(await adapter().setSubIssue(issue(1), issue(2), true)).toEqual({ ok: true });
    expect(calls.at(-1)).toEqual({ method: "POST", path: "/issues/1/sub_issues", body: { sub_issue_id: 1002, replace_parent: true } });
  });

  it("detaches a sub-issue with DELETE …/sub_issue and its id in the body", async () => {
    expect(await adapter().setSubIssue(issue(1), issue(2), false)).toEqual({ ok: true });
    expect(calls.at(-1)).toEqual({ method: "DELETE", path: "/issues/1/sub_issue", body: { sub_issue_id: 1002 } });
  });

  it("posts an issue comment and returns its id", async () => {
    expect(await adapter().createIssueComment(issue(5), "Hello")).toEqual({ ok: true, commentId: 777 });
    expect(calls).toEqual([{ method: "POST", path: "/issues/5/comments", body: { body: "Hello" } }]);
  });

  it("answers a refusal (no such blocking issue) as a failure, not a retry", async () => {
    expect(await adapter().setBlockedBy(issue(5), issue(404), true)).toMatchObject({ ok: false, skipped: false, status: 404 });
  });

  it("throws on a server error so the engine retries", async () => {
    server.use(http.post(`${API}/issues/:n/comments`, () => HttpResponse.json({ message: "Oops" }, { status: 502 })));
    await expect(adapter().createIssueComment(issue(5), "Hello")).rejects.toMatchObject({ status: 502 });
  });
});
