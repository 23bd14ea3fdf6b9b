// Each workflow as an Inngest function (@inngest/test, sleeps mocked): the steps it runs and what it writes.

import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEADLINE_STEPS as D } from "../../src/workflows/deadline-alert";
import { cronEvent } from "../../src/workflows/define";
import { makeEvent } from "../../src/workflows/events";
import { runOf } from "../contract/engine-harness";
import { inngestHarness } from "../contract/inngest-harness";
import { nodeD1 } from "../support/node-d1";

const server = setupServer();
let d1: Awaited<ReturnType<typeof nodeD1>>;
let h: ReturnType<typeof inngestHarness>;
let key: string;
const cwd = () => `/work/${key.toLowerCase()}`;
const now = () => new Date().toISOString();
const HOUR = 3_600_000;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  d1 = await nodeD1();
  h = inngestHarness(server, d1.db);
});
afterAll(async () => {
  server.close();
  await d1.dispose();
});
beforeEach(async () => {
  key = Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");
  await h.services.store.createProject({ key, name: key, repos: [`acme/${key.toLowerCase()}`], paths: [cwd()], at: now() });
});

const store = () => h.services.store;
const sentNames = (from: number) => h.sent.slice(from).map((e) => e.name);

async function user(extra: { digest?: "off" | "daily"; digestHour?: number } = {}) {
  const email = `${crypto.randomUUID()}@example.com`;
  const u = await store().createUser({ email, name: "Ada", timezone: "UTC", digest: extra.digest ?? "off", digestHour: extra.digestHour ?? 9 }, now());
  return { ...u, email };
}

describe("extract-tasks on Inngest", () => {
  it("loads the delivery, applies its intents and marks the delivery processed, sending no follow-up a new task gives no work", async () => {
    const sessionId = crypto.randomUUID();
    const deliveryId = `transcript:${sessionId}`;
    const origin = { sessionId, lineUuid: crypto.randomUUID(), at: now(), cwd: cwd(), gitBranch: null, chain: "main" };
    const intents = [{ type: "upsert", origin, externalKey: `claude:${sessionId}:1`, source: "task-tool", title: "Port the parser", status: "in_progress", tags: [], matchByTitle: false }];
    await store().recordDelivery({ id: deliveryId, source: "transcript", event: "transcript", payload: JSON.stringify({ sessionId, cwd: cwd(), gitBranch: null, intents }), at: now() });
    const before = h.sent.length;
    const run = runOf(await h.deliver([makeEvent("claude/transcript.received", `ev-${deliveryId}`, { deliveryId, sessionId }, now())]), "extract-tasks");
    // Nobody depends on the new task and no PR shows it: no follow-up run has work, so nothing is sent (domain/follow-ups.ts).
    expect(run.steps).toEqual(["load-delivery", "apply-intents", "mark-processed"]);
    const [task] = (await store().listTasks({ projectKey: key }, 10, null)).items;
    expect(task).toMatchObject({ title: "Port the parser", status: "in_progress" });
    expect((await store().getDelivery(deliveryId))!.status).toBe("processed");
    expect(sentNames(before)).toEqual(["claude/transcript.received"]);
  });
});

describe("link-commits on Inngest", () => {
  it("loads the push, applies its commits in a bounded step, emits the changes and completes the fixed task", async () => {
    const task = await store().createTask({ projectKey: key, title: "Fix login" }, "admin", now());
    const deliveryId = crypto.randomUUID();
    const repo = `acme/${key.toLowerCase()}`;
    const commit = { sha: "a".repeat(40), message: `Fixes ${task.key}`, url: `https://github.com/${repo}/commit/${"a".repeat(40)}`, at: now(), author: "octo" };
    await store().recordDelivery({ id: deliveryId, source: "github", event: "push", payload: JSON.stringify({ repo, defaultBranch: "main", ref: "refs/heads/main", actor: "octo", commits: [commit] }), at: now() });
    const before = h.sent.length;
    const run = runOf(await h.deliver([makeEvent("github/push.received", deliveryId, { deliveryId }, now())]), "link-commits");
    expect(run.steps).toEqual(["load-push", "repo-scope", "apply-commits-0", "emit-task-events", "mark-processed"]);
    const detail = (await store().getTask(task.key))!;
    expect(detail.status).toBe("completed");
    expect(detail.links).toMatchObject([{ kind: "commit", ref: expect.stringContaining("a".repeat(7)) }]);
    expect(sentNames(before)).toContain("task/status.changed");
  });
});

describe("deadline-alerts on Inngest", () => {
  it("alerts at once inside the last day, then sleeps until the due date and checks again", async () => {
    const u = await user();
    const dueAt = new Date(Date.now() + 2 * HOUR).toISOString();
    const task = await store().createTask({ projectKey: key, title: "Ship", dueAt, assigneeId: u.id }, "admin", now());
    const run = runOf(await h.deliver([makeEvent("task/due.changed", `due-${task.id}-${dueAt}`, { taskId: task.id, dueAt }, now())]), "deadline-alerts");
    expect(run.steps).toEqual([D.plan("24h"), D.alert("24h"), D.plan("due"), D.sleep("due"), D.alert("due")]);
    const [email] = await store().listEmails({ to: u.email }, 10);
    expect(email).toMatchObject({ kind: "deadline", idempotencyKey: `deadline:${task.id}:${dueAt}:24h`, status: "queued" });
  });

  it("stops at the first alert when the task is done", async () => {
    const u = await user();
    const dueAt = new Date(Date.now() + 2 * HOUR).toISOString();
    const task = await store().createTask({ projectKey: key, title: "Ship", dueAt, assigneeId: u.id }, "admin", now());
    await store().updateTask(task.key, { status: "completed" }, "admin", now());
    const run = runOf(await h.deliver([makeEvent("task/due.changed", `due-${task.id}-${dueAt}`, { taskId: task.id, dueAt }, now())]), "deadline-alerts");
    expect(run.steps).toEqual([D.plan("24h"), D.alert("24h")]);
    expect(await store().listEmails({ to: u.email }, 10)).toEqual([]);
  });
});

describe("deadline-alerts on Inngest, a day ahead", () => {
  it("sleeps until 24 hours before the due date, then finds the alert not yet due", async () => {
    const u = await user();
    const dueAt = new Date(Date.now() + 30 * HOUR).toISOString();
    const task = await store().createTask({ projectKey: key, title: "Ship", dueAt, assigneeId: u.id }, "admin", now());
    const run = runOf(await h.deliver([makeEvent("task/due.changed", `due-${task.id}-${dueAt}`, { taskId: task.id, dueAt }, now())]), "deadline-alerts");
    // The mocked sleep returns at once, so the clock is still 30 hours before the due date.
    expect(run.steps!.slice(0, 3)).toEqual([D.plan("24h"), D.sleep("24h"), D.alert("24h")]);
    expect(await store().listEmails({ to: u.email }, 10)).toEqual([]);
  });
});

describe("deadline-sweep on Inngest", () => {
  it("runs one sweep step on its cron and sends what is due", async () => {
    const u = await user();
    await store().createTask({ projectKey: key, title: "Ship", dueAt: new Date(Date.now() + 3 * HOUR).toISOString(), assigneeId: u.id }, "admin", now());
    const run = runOf(await h.deliver([cronEvent("*/15 * * * *", Date.now())]), "deadline-sweep");
    expect(run).toMatchObject({ workflowId: "deadline-sweep", steps: ["sweep-due-tasks"] });
    expect(await store().listEmails({ to: u.email, kind: "deadline" }, 10)).toHaveLength(1);
  });
});

describe("chase-dependencies on Inngest", () => {
  it("releases the dependents of a completed task and tells their assignees", async () => {
    const u = await user();
    const blocker = await store().createTask({ projectKey: key, title: "Schema" }, "admin", now());
    const dependent = await store().createTask({ projectKey: key, title: "API", assigneeId: u.id }, "admin", now());
    await store().addDependency(dependent.key, blocker.key, "admin", now());
    const { task: done } = await store().updateTask(blocker.key, { status: "completed" }, "admin", now());
    const run = runOf(await h.deliver([makeEvent("task/status.changed", `status-${done.id}-${done.version}`, { taskId: done.id, from: "todo", to: "completed" }, now())]), "chase-dependencies");
    expect(run.steps).toEqual(["release-dependents", "tell-unblocked", "nudge-stale-blockers"]);
    expect(await store().listEmails({ to: u.email, kind: "unblocked" }, 10)).toHaveLength(1);
  });
});

describe("digests on Inngest", () => {
  it("finds the people due a digest this hour and sends theirs in a batch step", async () => {
    const at = new Date();
    const u = await user({ digest: "daily", digestHour: at.getUTCHours() });
    await store().createTask({ projectKey: key, title: "Due soon", dueAt: new Date(at.getTime() + 3 * HOUR).toISOString(), assigneeId: u.id }, "admin", now());
    const run = runOf(await h.deliver([cronEvent("0 * * * *", at.getTime())]), "digests");
    expect(run).toMatchObject({ workflowId: "digests", steps: ["find-due-people", "send-digests-0"] });
    expect(await store().listEmails({ to: u.email, kind: "digest" }, 10)).toHaveLength(1);
  });
});
