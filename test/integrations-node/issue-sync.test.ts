// GitHub Issues both ways on a real D1, the workflows run as Inngest functions, GitHub's REST API and webhooks as msw and GitHub's payloads give them.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acceptDelivery } from "../../src/app/ingress";
import { addDependency, removeDependency } from "../../src/app/dependencies";
import { addComment } from "../../src/app/task-records";
import { createTask, moveTask, updateTask } from "../../src/app/tasks";
import type { UseCaseContext } from "../../src/app/context";
import { planGitHubEvent, WORKFLOW_EVENTS } from "../../src/domain/github-events";
import { syncIssue } from "../../src/app/issue-sync";
import { ISSUE_CLAIM_TTL_MS } from "../../src/domain/issue-openings";
import { issueForTask, withoutSyncFooter } from "../../src/domain/issue-sync";
import { runOf } from "../contract/engine-harness";
import { inngestHarness } from "../contract/inngest-harness";
import { issueCommentPayload, issueDependencyPayload, issuesPayload, pushPayload, subIssuePayload } from "../support/github-payloads";
import { nodeD1 } from "../support/node-d1";

const HUB = "taskhub-bot";
const server = setupServer();
let d1: Awaited<ReturnType<typeof nodeD1>>;
let h: ReturnType<typeof inngestHarness>;
let key: string;
let repo: string;
const now = () => new Date().toISOString();

/** GitHub as its REST API behaves for one repository: issues by number (id 1000 + n), their links and comments; every write logged. */
let gh: {
  writes: string[];
  issues: Map<number, { title: string; body: string; state: string }>;
  comments: { issue: number; id: number; body: string }[];
  /** Each POST …/issues waits on this after opening the issue and before answering (GitHub being slow). */
  answer?: () => Promise<void>;
  /** Answers the next POST …/issues with a dropped connection, the issue opened all the same. */
  loseAnswer?: boolean;
};

function fakeGitHub() {
  const api = "https://api.github.com/repos/:owner/:repo";
  const log = (s: string) => (gh.writes.push(s), s);
  server.use(
    http.get("https://api.github.com/user", () => HttpResponse.json({ login: HUB, id: 1 })),
    http.post(`${api}/issues`, async ({ request }) => {
      const { title, body } = (await request.json()) as { title: string; body: string };
      const n = gh.issues.size + 1;
      gh.issues.set(n, { title, body, state: "open" });
      log(`open #${n}`);
      await gh.answer?.();
      if (gh.loseAnswer) return ((gh.loseAnswer = false), HttpResponse.error());
      return HttpResponse.json({ id: 1000 + n, number: n, html_url: `https://github.com/${repo}/issues/${n}` }, { status: 201 });
    }),
    http.get(`${api}/issues`, () =>
      HttpResponse.json([...gh.issues].reverse().map(([n, i]) => ({ id: 1000 + n, number: n, title: i.title, body: i.body, html_url: `https://github.com/${repo}/issues/${n}` }))),
    ),
    http.get(`${api}/issues/:n`, ({ params }) => HttpResponse.json({ id: 1000 + Number(params.n), number: Number(params.n) })),
    http.patch(`${api}/issues/:n`, async ({ request, params }) => {
      const b = (await request.json()) as { state?: string; state_reason?: string; title?: string; body?: string };
      if (b.title !== undefined) {
        gh.issues.set(Number(params.n), { ...gh.issues.get(Number(params.n))!, title: b.title, body: b.body ?? "" });
        log(`#${params.n} retitled ${b.title}`);
      } else log(`#${params.n} ${b.state}${b.state_reason ? ` ${b.state_reason}` : ""}`);
      return HttpResponse.json({ id: 1000 + Number(params.n), number: Number(params.n) });
    }),
    http.post(`${api}/issues/:n/dependencies/blocked_by`, async ({ request, params }) => {
      log(`#${params.n} blocked by id ${((await request.json()) as { issue_id: number }).issue_id}`);
      return HttpResponse.json({}, { status: 201 });
    }),
    http.delete(`${api}/issues/:n/dependencies/blocked_by/:id`, ({ params }) => (log(`#${params.n} unblocked by id ${params.id}`), HttpResponse.json({}))),
    http.post(`${api}/issues/:n/sub_issues`, async ({ request, params }) => {
      log(`#${params.n} sub-issue id ${((await request.json()) as { sub_issue_id: number }).sub_issue_id}`);
      return HttpResponse.json({}, { status: 201 });
    }),
    http.delete(`${api}/issues/:n/sub_issue`, async ({ request, params }) => {
      log(`#${params.n} drops sub-issue id ${((await request.json()) as { sub_issue_id: number }).sub_issue_id}`);
      return HttpResponse.json({});
    }),
    http.post(`${api}/issues/:n/comments`, async ({ request, params }) => {
      const id = 9000 + gh.comments.length;
      gh.comments.push({ issue: Number(params.n), id, body: ((await request.json()) as { body: string }).body });
      log(`#${params.n} comment ${id}`);
      return HttpResponse.json({ id }, { status: 201 });
    }),
  );
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  d1 = await nodeD1();
  h = inngestHarness(server, d1.db, { GITHUB_TOKEN: "ghp_test_token" });
  fakeGitHub();
});
afterAll(async () => {
  server.close();
  await d1.dispose();
});
beforeEach(async () => {
  key = Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");
  repo = `acme/${key.toLowerCase()}`;
  gh = { writes: [], issues: new Map(), comments: [] };
  await store().createProject({ key, name: key, repos: [repo], paths: [], at: now() });
  await store().updateProject(key, { settings: { syncIssues: true } }, now());
});

const store = () => h.services.store;
const ctx = (): UseCaseContext => ({ services: h.services, asker: { admin: true, userId: null, scopes: ["admin"] }, actor: "user:ada" });

/** Runs a use case, then every workflow run its events start (and theirs): what the hub does about one change. */
async function hub<T>(act: () => Promise<T>): Promise<T> {
  const from = h.startedCount();
  const out = await act();
  await settle(from);
  return out;
}

async function settle(from: number) {
  for (let at = from; at < h.startedCount(); ) {
    const next = h.startedCount();
    for (const r of await h.drain(at)) expect(r.status, JSON.stringify(r.output)).toBe("complete");
    at = next;
  }
}

/** A webhook as the route takes it: planned, recorded, its workflow run to the end; returns the runs' outputs by workflow. */
async function webhook(event: string, payload: unknown) {
  const plan = planGitHubEvent(event, payload);
  if (plan.kind !== "workflow") return plan;
  const deliveryId = `github:${crypto.randomUUID()}`;
  const from = h.startedCount();
  await acceptDelivery(h.services, { deliveryId, source: "github", event, payload: plan.payload, emit: { name: WORKFLOW_EVENTS[plan.event], data: { deliveryId } }, bodyHash: deliveryId });
  await settle(from);
  return (await store().getDelivery(deliveryId))!.status;
}

const sentSince = (n: number) => h.sent.slice(n).map((e) => e.name);
const taskCount = async () => (await store().listTasks({ projectKey: key }, 100, null)).items.length;
const newTask = (title: string, extra: Record<string, unknown> = {}) => hub(() => createTask(ctx(), { project: key, title, ...extra }));

describe("hub → GitHub", () => {
  it("opens an issue for a new task, keeps its number as the task's link, and the issue names the task", async () => {
    const task = await newTask("Write the parser", { description: "Line by line" });
    expect(gh.writes).toEqual(["open #1"]);
    expect((await store().getTask(task.key))!.links).toContainEqual(expect.objectContaining({ kind: "issue", ref: `${repo}#1`, url: `https://github.com/${repo}/issues/1` }));
    expect(gh.issues.get(1)).toMatchObject({ title: "Write the parser", body: expect.stringContaining(task.key) });
    expect(gh.issues.get(1)!.body).toMatch(/^Line by line/);
  });

  it("adds and removes the blocked_by dependency with the blocker's issue id", async () => {
    const a = await newTask("A");
    const b = await newTask("B");
    await hub(() => addDependency(ctx(), b.key, { dependsOn: a.key }));
    await hub(() => removeDependency(ctx(), b.key, { dependsOn: a.key }));
    expect(gh.writes.slice(2)).toEqual(["#2 blocked by id 1001", "#2 unblocked by id 1001"]);
  });

  it("makes a subtask a sub-issue of its parent's issue, and detaches it when the parent is cleared", async () => {
    const parent = await newTask("Epic");
    const child = await newTask("Part", { parent: parent.key });
    await hub(() => updateTask(ctx(), child.key, { parent: null }));
    expect(gh.writes).toEqual(["open #1", "open #2", "#1 sub-issue id 1002", "#1 drops sub-issue id 1002"]);
  });

  it("closes the issue as completed or not planned, and reopens it", async () => {
    const task = await newTask("Ship");
    await hub(() => moveTask(ctx(), task.key, { status: "in_progress" })); // still open on GitHub: no call
    await hub(() => moveTask(ctx(), task.key, { status: "completed" }));
    await hub(() => moveTask(ctx(), task.key, { status: "todo" }));
    await hub(() => moveTask(ctx(), task.key, { status: "cancelled" }));
    expect(gh.writes.slice(1)).toEqual(["#1 closed completed", "#1 open", "#1 closed not_planned"]);
  });

  it("writes a new title and description over the issue's, and the edit's echo changes nothing", async () => {
    const task = await newTask("Draft");
    await hub(() => updateTask(ctx(), task.key, { title: "Final", description: "Now with details" }));
    expect(gh.writes).toEqual(["open #1", "#1 retitled Final"]);
    expect(withoutSyncFooter(gh.issues.get(1)!.body)).toBe("Now with details");
    const before = await store().getTask(task.key);
    expect(await webhook("issues", issuesPayload(repo, "edited", { number: 1, title: "Final", body: gh.issues.get(1)!.body, sender: "someone-else" }))).toBe("ignored");
    expect((await store().getTask(task.key))!.version).toBe(before!.version);
  });

  it("posts a hub comment as a marked issue comment and keeps GitHub's id on it", async () => {
    const task = await newTask("Discuss");
    const comment = await hub(() => addComment(ctx(), task.key, { body: "Looks **fine**" }));
    expect(gh.comments).toEqual([{ issue: 1, id: 9000, body: expect.stringContaining("Looks **fine**") }]);
    expect(gh.comments[0].body).toContain(comment.id);
    expect(await d1.db.prepare(`SELECT external_key AS k FROM comments WHERE id = ?`).bind(comment.id).first("k")).toBe("github-comment:9000");
  });

  it("opens the issue of a task made before the project opted in at its next status change, closed once", async () => {
    await store().updateProject(key, { settings: {} }, now());
    const task = await newTask("Older");
    await store().updateProject(key, { settings: { syncIssues: true } }, now());
    await hub(() => moveTask(ctx(), task.key, { status: "completed" }));
    expect(gh.writes).toEqual(["open #1", "#1 closed completed"]);
  });

  it("closes the issue when a commit on the default branch completes the task", async () => {
    const task = await newTask("Fix the leak");
    expect(await webhook("push", pushPayload(repo, "refs/heads/main", [{ message: `Fixes ${task.key}` }]))).toBe("processed");
    expect(gh.writes).toEqual(["open #1", "#1 closed completed"]);
  });

  it("does nothing on GitHub for a project that has not opted in", async () => {
    await store().updateProject(key, { settings: {} }, now());
    const before = h.sent.length;
    const a = await newTask("A");
    const b = await newTask("B");
    await hub(() => addDependency(ctx(), b.key, { dependsOn: a.key }));
    await hub(() => addComment(ctx(), a.key, { body: "hi" }));
    await hub(() => moveTask(ctx(), a.key, { status: "completed" }));
    expect(gh.writes).toEqual([]);
    expect(sentSince(before)).not.toContain("task/issue-sync.requested");
  });
});

describe("one issue per task, whatever sync runs overlap or retry", () => {
  /** A task that has no issue yet: made before its project opted in. */
  async function issuelessTask(title: string) {
    await store().updateProject(key, { settings: {} }, now());
    const task = await newTask(title);
    await store().updateProject(key, { settings: { syncIssues: true } }, now());
    return task;
  }
  const issueLinks = async (taskKey: string) => (await store().getTask(taskKey))!.links.filter((l) => l.kind === "issue").map((l) => l.ref);
  /** A claim as a sync step that died holding it would have left it, `ago` ms back. */
  const deadClaim = async (taskKey: string, ago: number) => {
    const project = (await store().getProject(key))!;
    await store().claimIssueOpening({ taskKey, repo, projectIds: [project.id], holder: "dead-step", at: new Date(Date.now() - ago).toISOString() });
  };

  it("opens one issue when two sync runs of the same task overlap", async () => {
    const task = await issuelessTask("Raced");
    const outcomes = await Promise.all([syncIssue(h.services, task.id, "issue", null, "run-a"), syncIssue(h.services, task.id, "state", null, "run-b")]);
    expect(gh.writes).toEqual(["open #1"]);
    expect(outcomes).toContainEqual({ skipped: "another sync run is opening the task's issue" });
    expect(await issueLinks(task.key)).toEqual([`${repo}#1`]);
  });

  it("opens the winner's issue as the task stands after a change whose own run lost the race", async () => {
    const task = await issuelessTask("Raced");
    let opening!: () => void;
    const entered = new Promise<void>((r) => (opening = r));
    let release!: () => void;
    gh.answer = () => (opening(), new Promise<void>((r) => (release = r)));
    const winner = syncIssue(h.services, task.id, "issue", null, "run-a");
    await entered;
    gh.answer = undefined;
    await moveTask(ctx(), task.key, { status: "completed" });
    expect(await syncIssue(h.services, task.id, "state", null, "run-b")).toEqual({ skipped: "another sync run is opening the task's issue" });
    release();
    await winner;
    expect(gh.writes).toEqual(["open #1", "#1 closed completed"]);
  });

  it("takes over a claim whose holder died before opening the issue, and opens one", async () => {
    const task = await issuelessTask("Orphaned");
    await deadClaim(task.key, ISSUE_CLAIM_TTL_MS + 1000);
    expect(await syncIssue(h.services, task.id, "state", null, "run-b")).toEqual({ done: "issue opened todo" });
    expect(gh.writes).toEqual(["open #1"]);
    expect(await issueLinks(task.key)).toEqual([`${repo}#1`]);
  });

  it("leaves the issue to a claim's holder while the claim lives", async () => {
    const task = await issuelessTask("Claimed");
    await deadClaim(task.key, 1000);
    expect(await syncIssue(h.services, task.id, "state", null, "run-b")).toEqual({ skipped: "another sync run is opening the task's issue" });
    expect(gh.writes).toEqual([]);
  });

  it("links the issue a holder opened on GitHub before it died, rather than opening a second", async () => {
    const task = await issuelessTask("Half done");
    await deadClaim(task.key, ISSUE_CLAIM_TTL_MS + 1000);
    expect(await h.services.github.createIssue(repo, issueForTask((await store().getTask(task.key))!, h.services.config.PUBLIC_URL))).toMatchObject({ ok: true, number: 1 });
    expect(await syncIssue(h.services, task.id, "state", null, "run-b")).toEqual({ done: "issue opened todo" });
    expect(gh.writes).toEqual(["open #1"]);
    expect(await issueLinks(task.key)).toEqual([`${repo}#1`]);
  });

  it("makes a subtask's issue a sub-issue of its parent's whichever of its runs opens it", async () => {
    const parent = await newTask("Epic");
    await store().updateProject(key, { settings: {} }, now());
    const child = await newTask("Part", { parent: parent.key });
    await store().updateProject(key, { settings: { syncIssues: true } }, now());
    expect(await syncIssue(h.services, child.id, "state", null, "run-a")).toEqual({ done: "issue opened todo" });
    expect(gh.writes).toEqual(["open #1", "open #2", "#1 sub-issue id 1002"]);
  });

  it("opens no second issue when GitHub's answer to the first was lost and the engine retries the step", async () => {
    gh.loseAnswer = true;
    const task = await newTask("Lost answer");
    expect(gh.writes).toEqual(["open #1"]);
    expect(await issueLinks(task.key)).toEqual([`${repo}#1`]);
  });

  it("opens no second issue after the link write failed once GitHub had opened the first", async () => {
    await d1.db.prepare(`CREATE TRIGGER links_down BEFORE INSERT ON links WHEN NEW.kind = 'issue' BEGIN SELECT RAISE(ABORT, 'links unavailable'); END`).run();
    try {
      const from = h.startedCount();
      const task = await createTask(ctx(), { project: key, title: "Unlinked" });
      expect(runOf(await h.drain(from), "sync-task-issue").status).toBe("errored");
      await d1.db.prepare(`DROP TRIGGER links_down`).run();
      await hub(() => moveTask(ctx(), task.key, { status: "completed" }));
      expect(gh.writes).toEqual(["open #1", "#1 closed completed"]);
      expect(await issueLinks(task.key)).toEqual([`${repo}#1`]);
    } finally {
      await d1.db.prepare(`DROP TRIGGER IF EXISTS links_down`).run();
    }
  });
});

describe("the loop does not form: GitHub's echo of the hub's own writes changes nothing", () => {
  it("takes back its own issue, dependency, sub-issue, comment and closing without a change or another call", async () => {
    const a = await newTask("A");
    const b = await newTask("B", { parent: a.key });
    await hub(() => addDependency(ctx(), b.key, { dependsOn: a.key }));
    await hub(() => addComment(ctx(), b.key, { body: "on it" }));
    await hub(() => moveTask(ctx(), a.key, { status: "completed" }));
    const writes = gh.writes.length;
    const sent = h.sent.length;
    const before = await store().getTask(b.key);

    // What GitHub sends for those writes, each with the hub's token as sender.
    expect(await webhook("issues", issuesPayload(repo, "opened", { number: 2, title: "B", body: gh.issues.get(2)!.body, sender: HUB }))).toBe("ignored");
    expect(await webhook("issue_dependencies", issueDependencyPayload(repo, "blocked_by_added", 2, 1, HUB))).toBe("ignored");
    expect(await webhook("sub_issues", subIssuePayload(repo, "sub_issue_added", 1, 2, HUB))).toBe("ignored");
    const mine = gh.comments[0];
    expect(await webhook("issue_comment", issueCommentPayload(repo, { number: 2, body: mine.body, author: HUB, commentId: mine.id, association: "OWNER" }))).toBe("ignored");
    expect(await webhook("issues", issuesPayload(repo, "closed", { number: 1, title: "A", state: "closed", sender: HUB }))).toBe("ignored");

    expect(gh.writes.length).toBe(writes);
    expect(sentSince(sent).filter((n) => n.startsWith("task/"))).toEqual([]);
    expect(await taskCount()).toBe(2);
    const after = await store().getTask(b.key);
    expect({ ...after, activity: after!.activity.length }).toEqual({ ...before, activity: before!.activity.length });
    expect((await store().taskRecords(b.key))!.comments).toHaveLength(1);
  });

  it("changes nothing when the echo comes without the hub's login (its own links and comment id are known)", async () => {
    const a = await newTask("A");
    const b = await newTask("B");
    await hub(() => addDependency(ctx(), b.key, { dependsOn: a.key }));
    await hub(() => addComment(ctx(), b.key, { body: "on it" }));
    const writes = gh.writes.length;
    const mine = gh.comments[0];
    expect(await webhook("issue_dependencies", issueDependencyPayload(repo, "blocked_by_added", 2, 1, "someone-else"))).toBe("ignored");
    expect(await webhook("issue_comment", issueCommentPayload(repo, { number: 2, body: mine.body, author: "someone-else", commentId: mine.id, association: "OWNER" }))).toBe("ignored");
    expect(gh.writes.length).toBe(writes);
    expect((await store().taskRecords(b.key))!.comments).toHaveLength(1);
  });

  it("makes no second task of its own issue when GitHub's opened event beats the link being kept", async () => {
    const task = await newTask("A");
    const body = gh.issues.get(1)!.body;
    expect(await webhook("issues", issuesPayload(repo, "opened", { number: 7, title: "A", body, sender: "someone-else" }))).toBe("ignored");
    expect(await taskCount()).toBe(1);
    expect((await store().getTask(task.key))!.title).toBe("A");
  });
});

describe("GitHub → hub", () => {
  it("makes a person's blocked_by link a hub dependency and removes it again, calling GitHub back for neither", async () => {
    const a = await newTask("A");
    const b = await newTask("B");
    const writes = gh.writes.length;
    expect(await webhook("issue_dependencies", issueDependencyPayload(repo, "blocked_by_added", 2, 1))).toBe("processed");
    expect((await store().getTask(b.key))!.dependsOn).toEqual([a.key]);
    expect(await webhook("issue_dependencies", issueDependencyPayload(repo, "blocked_by_removed", 2, 1))).toBe("processed");
    expect((await store().getTask(b.key))!.dependsOn).toEqual([]);
    expect(gh.writes.length).toBe(writes);
  });

  it("makes a sub-issue a subtask and detaches it when GitHub does", async () => {
    const a = await newTask("Epic");
    const b = await newTask("Part");
    expect(await webhook("sub_issues", subIssuePayload(repo, "sub_issue_added", 1, 2))).toBe("processed");
    expect((await store().getTask(b.key))!.parent).toBe(a.key);
    expect(await webhook("sub_issues", subIssuePayload(repo, "sub_issue_removed", 1, 2))).toBe("processed");
    expect((await store().getTask(b.key))!.parent).toBeNull();
  });

  it("keeps a collaborator's issue comment on the task once, under GitHub's id", async () => {
    const task = await newTask("Discuss");
    const payload = issueCommentPayload(repo, { number: 1, body: "I can reproduce it", author: "mona", commentId: 4242, association: "COLLABORATOR" });
    expect(await webhook("issue_comment", payload)).toBe("processed");
    expect(await webhook("issue_comment", payload)).toBe("ignored"); // GitHub redelivers under a new delivery id
    expect((await store().taskRecords(task.key))!.comments).toEqual([expect.objectContaining({ body: "I can reproduce it", author: "github:mona" })]);
    expect(gh.comments).toEqual([]);
  });

  it("does not take in a comment from someone who is not one of the repository's people", async () => {
    const task = await newTask("Discuss");
    expect(await webhook("issue_comment", issueCommentPayload(repo, { number: 1, body: "buy my stuff", author: "spam", commentId: 4343, association: "NONE" }))).toBe("ignored");
    expect((await store().taskRecords(task.key))!.comments).toEqual([]);
  });

  it("follows a person's edit and closing of the issue the hub opened, without a second task", async () => {
    const task = await newTask("Old title", { description: "Old words" });
    const body = `New words\n\n${gh.issues.get(1)!.body.split("\n\n").at(-1)}`;
    expect(await webhook("issues", issuesPayload(repo, "edited", { number: 1, title: "New title", body }))).toBe("processed");
    expect(await webhook("issues", issuesPayload(repo, "closed", { number: 1, title: "New title", body, state: "closed" }))).toBe("processed");
    expect(await store().getTask(task.key)).toMatchObject({ title: "New title", description: "New words", status: "completed" });
    expect(await taskCount()).toBe(1);
    expect(gh.writes).toEqual(["open #1"]);
  });

  it("syncs a task mirrored from a person's issue back through that same issue", async () => {
    expect(await webhook("issues", issuesPayload(repo, "opened", { number: 31, title: "Reported" }))).toBe("processed");
    expect(await webhook("issues", issuesPayload(repo, "opened", { number: 32, title: "Also reported" }))).toBe("processed");
    const [first, second] = (await store().listTasks({ projectKey: key }, 10, null)).items.sort((x, y) => x.number - y.number);
    await hub(() => addDependency(ctx(), second.key, { dependsOn: first.key }));
    await hub(() => moveTask(ctx(), first.key, { status: "completed" }));
    expect(gh.writes).toEqual(["#32 blocked by id 1031", "#31 closed completed"]);
  });

  it("changes nothing from a stranger's repository naming the same issue numbers", async () => {
    const a = await newTask("A");
    const b = await newTask("B");
    const stranger = "stranger/public";
    expect(await webhook("issue_dependencies", issueDependencyPayload(stranger, "blocked_by_added", 2, 1))).toBe("ignored");
    expect(await webhook("sub_issues", subIssuePayload(stranger, "sub_issue_added", 1, 2))).toBe("ignored");
    expect(await webhook("issue_comment", issueCommentPayload(stranger, { number: 1, body: "hello", author: "mona", commentId: 4444, association: "OWNER" }))).toBe("ignored");
    expect(await store().getTask(b.key)).toMatchObject({ dependsOn: [], parent: null });
    expect((await store().taskRecords(a.key))!.comments).toEqual([]);
  });

  it("changes nothing in a project of the repository that has not opted in", async () => {
    const a = await newTask("A");
    const b = await newTask("B");
    await store().updateProject(key, { settings: {} }, now());
    expect(await webhook("issue_dependencies", issueDependencyPayload(repo, "blocked_by_added", 2, 1))).toBe("ignored");
    expect(await webhook("issue_comment", issueCommentPayload(repo, { number: 1, body: "hello", author: "mona", commentId: 4545, association: "OWNER" }))).toBe("ignored");
    expect(await store().getTask(b.key)).toMatchObject({ dependsOn: [] });
    expect((await store().taskRecords(a.key))!.comments).toEqual([]);
  });
});

it("runs the sync as one step per change", async () => {
  const from = h.startedCount();
  await createTask(ctx(), { project: key, title: "Steps" });
  expect(runOf(await h.drain(from), "sync-task-issue").steps).toEqual(["sync-issue"]);
});
