// The ingress queue's consumer (src/routes/queue.ts): each batch stored once by id and body hash, started in one
// call, retried when it fails, and what it gives up on recorded as dead for /runs.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/config";
import { planGitHubEvent, WORKFLOW_EVENTS } from "../../src/domain/github-events";
import { extractHook } from "../../src/domain/extract/hook";
import type { NewDelivery } from "../../src/domain/deliveries";
import worker from "../../src/index";
import { CloudflareEngine } from "../../src/integrations/engine-cloudflare";
import { workflows } from "../../src/workflows";
import { mirroringProject, newTask } from "../support/github-deliveries";
import { issuesPayload, pushPayload } from "../support/github-payloads";
import { call, createProject, eventually } from "../support/hub";
import { createTask, createUser, emails } from "../support/people";
import { followUpsId } from "../../src/domain/follow-ups";
import type { FollowUpItem } from "../../src/domain/events";

const INGRESS = "taskhub-ingress";
type Files = { path: string; text: string }[];
const claudeList: Files = Object.entries(import.meta.glob("../fixtures/trackers/claude-tasks-time-tracker/*.json", { query: "?raw", import: "default", eager: true }) as Record<string, string>).map(
  ([path, text]) => ({ path: path.slice(path.lastIndexOf("/") + 1), text }),
);
const DEAD = "taskhub-ingress-dead";

/** A push naming a task, as ingress puts it on the queue. */
function queuedPush(repo: string, key: string, id = `github:${crypto.randomUUID()}`, bodyHash = crypto.randomUUID(), commit = { ref: "refs/heads/feature", message: `${key} #comment queued` }): NewDelivery {
  const plan = planGitHubEvent("push", pushPayload(repo, commit.ref, [{ message: commit.message }]));
  if (plan.kind !== "workflow") throw new Error("the push should start a workflow");
  const at = new Date().toISOString();
  return {
    id, source: "github", event: "push", payload: JSON.stringify(plan.payload), at, bodyHash,
    emit: JSON.stringify({ id, name: "github/push.received", data: { deliveryId: id }, ts: at }),
  };
}

/** A GitHub event as ingress puts it on the queue, with the event it would start. */
function queuedEvent(event: string, payload: unknown): NewDelivery {
  const plan = planGitHubEvent(event, payload);
  if (plan.kind !== "workflow") throw new Error(`the ${event} should start a workflow`);
  const id = `github:${crypto.randomUUID()}`;
  const at = new Date().toISOString();
  return { id, source: "github", event, payload: JSON.stringify(plan.payload), at, emit: JSON.stringify({ id, name: WORKFLOW_EVENTS[plan.event], data: { deliveryId: id }, ts: at }) };
}

/** What the consumer did with a batch (workers-types has it only among its experimental types). */
interface QueueResult {
  outcome: string;
  ackAll: boolean;
  explicitAcks: string[];
  retryMessages: { msgId: string }[];
}

/** Hands the consumer one batch, as the queue does, and returns what it acked and retried. */
async function consume(queue: string, bodies: unknown[], on: Env = env as unknown as Env) {
  const batch = createMessageBatch(queue, bodies.map((body, i) => ({ id: `m${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, on);
  return { ids: batch.messages.map((m) => m.id), result: (await getQueueResult(batch, ctx)) as QueueResult };
}

const rows = (id: string) => env.DB.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE id = ?`).bind(id).first<number>("n");
const status = (id: string) => env.DB.prepare(`SELECT status FROM deliveries WHERE id = ?`).bind(id).first<string>("status");
/** The task's comments: each queued push's commit carries one (#comment). */
const comments = async (key: string) => ((await (await call(`/api/tasks/${key}/comments`)).json()) as { comments: unknown[] }).comments.length;

describe("a batch", () => {
  it("stores a delivery that came twice in it once, applies it once, and acks both", async () => {
    await createProject("QDUP", { repos: ["acme/qdup"] });
    const key = await newTask("QDUP");
    const d = queuedPush("acme/qdup", key);
    const { ids, result } = await consume(INGRESS, [d, d]);
    expect(result.explicitAcks.sort()).toEqual(ids.sort());
    expect(result.retryMessages).toEqual([]);
    expect(await rows(d.id)).toBe(1);
    expect(await status(d.id)).toBe("processed");
    // Applied by the consumer itself: a push needs no durable run.
    expect(await new CloudflareEngine(env.WORKFLOWS, workflows).status("link-commits", d.id)).toBe("none");
    expect(await comments(key)).toBe(1);
  });

  it("stores one delivery of a body that came under two delivery ids, and drops the other", async () => {
    await createProject("QHASH", { repos: ["acme/qhash"] });
    const key = await newTask("QHASH");
    const first = queuedPush("acme/qhash", key, undefined, "same-body-hash");
    const replayed = { ...first, id: `github:${crypto.randomUUID()}`, emit: first.emit!.replaceAll(first.id, "x") };
    const { result } = await consume(INGRESS, [first, replayed]);
    expect(result.retryMessages).toEqual([]);
    expect(await rows(first.id)).toBe(1);
    expect(await rows(replayed.id)).toBe(0);
    await eventually(async () => (await status(first.id)) === "processed");
    expect(await comments(key)).toBe(1);
  });

  it("is retried, stored nowhere, while the database fails; its retry then stores and runs it once", async () => {
    await createProject("QRETRY", { repos: ["acme/qretry"] });
    const key = await newTask("QRETRY");
    const ds = [queuedPush("acme/qretry", key), queuedPush("acme/qretry", key)];
    // D1 down (the edge of the world): every write refused.
    const down = new Proxy(env.DB, {
      get: (db, p) => {
        if (p === "batch") {
          return async () => {
            throw new Error("D1_ERROR: Network connection lost.");
          };
        }
        const v = Reflect.get(db, p);
        return typeof v === "function" ? v.bind(db) : v;
      },
    });
    const failing = await consume(INGRESS, ds, { ...env, DB: down } as unknown as Env);
    expect(failing.result.explicitAcks).toEqual([]);
    expect(failing.result.retryMessages.map((r) => r.msgId).sort()).toEqual(failing.ids.sort());
    for (const d of ds) expect(await rows(d.id)).toBe(0);

    const retried = await consume(INGRESS, ds);
    expect(retried.result.explicitAcks.sort()).toEqual(retried.ids.sort());
    for (const d of ds) await eventually(async () => (await status(d.id)) === "processed");
    expect(await comments(key)).toBe(2);
  });

  it("retries a message that is no delivery alone and acks the rest", async () => {
    await createProject("QMIX", { repos: ["acme/qmix"] });
    const d = queuedPush("acme/qmix", await newTask("QMIX"));
    const { ids, result } = await consume(INGRESS, [{ not: "a delivery" }, d]);
    expect(result.retryMessages.map((r) => r.msgId)).toEqual([ids[0]]);
    expect(result.explicitAcks).toEqual([ids[1]]);
    expect(await rows(d.id)).toBe(1);
  });
});

describe("a batch's follow-ups", () => {
  it("start one chase run for every task its pushes completed, and each freed task's assignee hears once", async () => {
    await createProject("QBURST", { repos: ["acme/qburst"] });
    const blockers = [];
    for (let i = 0; i < 3; i++) {
      const blocker = await createTask("QBURST", `Blocker ${i}`);
      const waiter = await createUser(`waiter${i}@qburst.test`);
      const dependent = await createTask("QBURST", `Dependent ${i}`, { assignee: waiter.id });
      await call(`/api/tasks/${dependent.key}/dependencies`, { method: "POST", json: { dependsOn: blocker.key } });
      blockers.push(blocker);
    }
    const pushes = blockers.map((b) => queuedPush("acme/qburst", b.key, undefined, undefined, { ref: "refs/heads/main", message: `Fixes ${b.key}` }));
    const { result } = await consume(INGRESS, pushes);
    expect(result.retryMessages).toEqual([]);

    const version = async (id: string) => (await env.DB.prepare("SELECT version FROM tasks WHERE id = ?").bind(id).first<number>("version"))!;
    const items: FollowUpItem[] = [];
    for (const b of blockers) items.push({ id: `status-${b.id}-${await version(b.id)}` } as FollowUpItem);
    const told = async () => (await emails({ kind: "unblocked" })).filter((e) => e.to.endsWith("@qburst.test")).map((e) => e.to).sort();
    await eventually(async () => (await told()).length === 3, { tries: 200 });
    expect(await told()).toEqual(["waiter0@qburst.test", "waiter1@qburst.test", "waiter2@qburst.test"]);
    const cf = new CloudflareEngine(env.WORKFLOWS, workflows);
    await eventually(async () => (await cf.status("chase-dependencies", followUpsId(items))) === "complete");
    for (const item of items) expect(await cf.status("chase-dependencies", item.id)).toBe("none");
  });
});

/** A Claude Code task event hook as ingress puts it on the queue, stamped with its time at the door. */
function queuedHook(sessionId: string, cwd: string, hook: Record<string, unknown>, at: string, id = `hook:${sessionId}:${crypto.randomUUID()}`, taskList: string | null = null): NewDelivery {
  const raw = { session_id: sessionId, cwd, ...hook };
  const payload = { sessionId, cwd, gitBranch: null, intents: extractHook(raw, { at, taskList }) };
  return { id, source: "hook", event: String(hook.hook_event_name), payload: JSON.stringify(payload), at, emit: JSON.stringify({ id, name: "claude/hook.received", data: { deliveryId: id, sessionId }, ts: at }) };
}

describe("an issue", () => {
  it("of a repository whose project mirrors issues is mirrored by the consumer itself, with no run", async () => {
    await mirroringProject("QISS", "acme/qiss");
    const d = queuedEvent("issues", issuesPayload("acme/qiss", "opened", { number: 7, title: "Crash on save" }));
    const { result } = await consume(INGRESS, [d]);
    expect(result.retryMessages).toEqual([]);
    expect(await status(d.id)).toBe("processed");
    expect(await new CloudflareEngine(env.WORKFLOWS, workflows).status("sync-issues", d.id)).toBe("none");
    const tasks = ((await (await call("/api/tasks?project=QISS")).json()) as { tasks: { title: string }[] }).tasks;
    expect(tasks.map((t) => t.title)).toEqual(["Crash on save"]);
  });

  it("of a repository no project mirrors is recorded as ignored, with no run", async () => {
    await createProject("QISN", { repos: ["acme/qisn"] });
    const d = queuedEvent("issues", issuesPayload("acme/qisn", "opened", { number: 8, title: "Not ours to mirror" }));
    await consume(INGRESS, [d]);
    expect(await status(d.id)).toBe("ignored");
    expect(await new CloudflareEngine(env.WORKFLOWS, workflows).status("sync-issues", d.id)).toBe("none");
  });
});

describe("one session's hooks out of order", () => {
  const sessionTasks = async (key: string) => ((await (await call(`/api/tasks?project=${key}`)).json()) as { tasks: { title: string; status: string }[] }).tasks;
  const created = (id: string) => ({ hook_event_name: "TaskCreated", task_id: id, task_subject: "Wire the exporter" });
  const completed = (id: string) => ({ hook_event_name: "TaskCompleted", task_id: id, task_subject: "Wire the exporter" });

  it("apply in the order they came through the door when one batch carries them the other way round", async () => {
    await createProject("QORD", { paths: ["/work/qord"] });
    const session = crypto.randomUUID();
    // The later hook first by every other order there is: the batch's, and its delivery id's.
    const first = queuedHook(session, "/work/qord", created("1"), "2026-12-01T10:00:00.000Z", `hook:${session}:b`);
    const second = queuedHook(session, "/work/qord", completed("1"), "2026-12-01T10:00:01.000Z", `hook:${session}:a`);
    const { result } = await consume(INGRESS, [second, first]);
    expect(result.retryMessages).toEqual([]);
    expect(await sessionTasks("QORD")).toMatchObject([{ title: "Wire the exporter", status: "completed" }]);
  });

  it("keep the later state when an older hook's batch comes after a newer one's", async () => {
    await createProject("QLATE", { paths: ["/work/qlate"] });
    const session = crypto.randomUUID();
    await consume(INGRESS, [queuedHook(session, "/work/qlate", created("1"), "2026-12-01T10:00:00.000Z")]);
    const started = queuedHook(session, "/work/qlate", { hook_event_name: "PostToolUse", tool_name: "TaskUpdate", tool_input: { taskId: "1", status: "in_progress" }, tool_response: {} }, "2026-12-01T10:00:01.000Z");
    const done = queuedHook(session, "/work/qlate", completed("1"), "2026-12-01T10:00:02.000Z");
    await consume(INGRESS, [done]);
    await consume(INGRESS, [started]);
    expect(await sessionTasks("QLATE")).toMatchObject([{ status: "completed" }]);
  });

  it("keep the new title when an update renaming the task comes before the create", async () => {
    await createProject("QNAME", { paths: ["/work/qname"] });
    const session = crypto.randomUUID();
    const renamed = queuedHook(session, "/work/qname", { hook_event_name: "PostToolUse", tool_name: "TaskUpdate", tool_input: { taskId: "1", subject: "Wire the CSV exporter", status: "in_progress" }, tool_response: {} }, "2026-12-01T10:00:01.000Z");
    await consume(INGRESS, [renamed]);
    await consume(INGRESS, [queuedHook(session, "/work/qname", created("1"), "2026-12-01T10:00:00.000Z")]);
    expect(await sessionTasks("QNAME")).toMatchObject([{ title: "Wire the CSV exporter", status: "in_progress" }]);
  });
});

describe("a session's update that comes before the post creating its task", () => {
  const created = (id: string) => ({ hook_event_name: "TaskCreated", task_id: id, task_subject: "Wire the exporter" });
  const completed = (id: string) => ({ hook_event_name: "TaskCompleted", task_id: id, task_subject: "Wire the exporter" });
  /** Each change to the project's tasks as the activity log has it, oldest first. */
  const changes = async (projectKey: string) =>
    (
      await env.DB.prepare(
        `SELECT a.action, json_extract(a.data, '$.changes.status[1]') AS "to" FROM activity a JOIN tasks t ON t.id = a.task_id JOIN projects p ON p.id = t.project_id WHERE p.key = ? ORDER BY a.id`,
      )
        .bind(projectKey)
        .all<{ action: string; to: string | null }>()
    ).results;
  const tasksOf = async (key: string) => ((await (await call(`/api/tasks?project=${key}`)).json()) as { tasks: { title: string; status: string }[] }).tasks;
  const replay = (id: string) =>
    call(`/runs/${encodeURIComponent(id)}/replay`, { method: "POST", body: new URLSearchParams(), headers: { "content-type": "application/x-www-form-urlencoded" } });

  it("waits for the create in a later batch, then completes the task once, with one activity row per change", async () => {
    await createProject("QHOLD", { paths: ["/work/qhold"] });
    const session = crypto.randomUUID();
    const done = queuedHook(session, "/work/qhold", completed("1"), "2026-12-01T10:00:01.000Z");
    expect((await consume(INGRESS, [done])).result.retryMessages).toEqual([]);
    expect(await status(done.id)).toBe("processed");
    expect(await tasksOf("QHOLD")).toEqual([]);
    await consume(INGRESS, [queuedHook(session, "/work/qhold", created("1"), "2026-12-01T10:00:00.000Z")]);
    expect(await tasksOf("QHOLD")).toMatchObject([{ title: "Wire the exporter", status: "completed" }]);
    expect(await changes("QHOLD")).toEqual([{ action: "created", to: null }, { action: "status_changed", to: "completed" }]);
  });

  it("applies updates held from several batches in the order they came through the door, once the create comes", async () => {
    await createProject("QDOOR", { paths: ["/work/qdoor"] });
    const session = crypto.randomUUID();
    const started = queuedHook(session, "/work/qdoor", { hook_event_name: "PostToolUse", tool_name: "TaskUpdate", tool_input: { taskId: "1", status: "in_progress" }, tool_response: {} }, "2026-12-01T10:00:01.000Z");
    await consume(INGRESS, [queuedHook(session, "/work/qdoor", completed("1"), "2026-12-01T10:00:02.000Z")]);
    await consume(INGRESS, [started]);
    await consume(INGRESS, [queuedHook(session, "/work/qdoor", created("1"), "2026-12-01T10:00:00.000Z")]);
    expect(await changes("QDOOR")).toEqual([{ action: "created", to: null }, { action: "status_changed", to: "in_progress" }, { action: "status_changed", to: "completed" }]);
  });

  it("holds the same completion posted twice once, so the task is completed by one change", async () => {
    await createProject("QTWICE", { paths: ["/work/qtwice"] });
    const session = crypto.randomUUID();
    const done = queuedHook(session, "/work/qtwice", completed("1"), "2026-12-01T10:00:01.000Z");
    // The same post under another delivery id and body hash: the door cannot tell it is the same.
    await consume(INGRESS, [done]);
    await consume(INGRESS, [{ ...done, id: `hook:${session}:again`, bodyHash: crypto.randomUUID() }]);
    await consume(INGRESS, [queuedHook(session, "/work/qtwice", created("1"), "2026-12-01T10:00:00.000Z")]);
    expect(await changes("QTWICE")).toEqual([{ action: "created", to: null }, { action: "status_changed", to: "completed" }]);
  });

  it("changes nothing when both posts come again after they applied, through the queue or replayed through the workflow", async () => {
    await createProject("QREPLAY", { paths: ["/work/qreplay"] });
    const session = crypto.randomUUID();
    const done = queuedHook(session, "/work/qreplay", completed("1"), "2026-12-01T10:00:01.000Z");
    const create = queuedHook(session, "/work/qreplay", created("1"), "2026-12-01T10:00:00.000Z");
    await consume(INGRESS, [done]);
    await consume(INGRESS, [create]);
    const before = await changes("QREPLAY");
    const again = (d: NewDelivery, how: string) => ({ ...d, id: `${d.id}:${how}`, bodyHash: crypto.randomUUID() });
    await consume(INGRESS, [again(create, "queue"), again(done, "queue")]);
    // A copy the queue gave up on, replayed by the operator: extract-tasks applies it, not the consumer.
    const dead = [again(done, "dead"), again(create, "dead")];
    await consume(DEAD, dead);
    for (const d of dead) {
      expect((await replay(d.id)).status).toBeLessThan(400);
      await eventually(async () => (await status(d.id)) === "processed");
    }
    expect(await changes("QREPLAY")).toEqual(before);
    expect(await tasksOf("QREPLAY")).toMatchObject([{ status: "completed" }]);
  });

  it("waits the same way when the workflow applies it (a replay of a delivery stored at the door)", async () => {
    await createProject("QWFLOW", { paths: ["/work/qwflow"] });
    const session = crypto.randomUUID();
    const done = queuedHook(session, "/work/qwflow", completed("1"), "2026-12-01T10:00:01.000Z");
    // Recorded dead, never applied; its replay runs extract-tasks, not the consumer.
    await consume(DEAD, [done]);
    expect((await replay(done.id)).status).toBeLessThan(400);
    await eventually(async () => (await status(done.id)) === "processed");
    expect(await tasksOf("QWFLOW")).toEqual([]);
    await consume(INGRESS, [queuedHook(session, "/work/qwflow", created("1"), "2026-12-01T10:00:00.000Z")]);
    expect(await tasksOf("QWFLOW")).toMatchObject([{ status: "completed" }]);
  });

  it("never lets another project's session complete a task of a shared list by racing its create", async () => {
    await createProject("QMINE", { paths: ["/work/qmine"] });
    await createProject("QSTRANGE", { paths: ["/work/qstrange"] });
    const list = `shared-${crypto.randomUUID().slice(0, 8)}`;
    const stranger = queuedHook(crypto.randomUUID(), "/work/qstrange", completed("1"), "2026-12-01T10:00:01.000Z", undefined, list);
    await consume(INGRESS, [stranger]);
    await consume(INGRESS, [queuedHook(crypto.randomUUID(), "/work/qmine", created("1"), "2026-12-01T10:00:02.000Z", undefined, list)]);
    expect(await tasksOf("QMINE")).toMatchObject([{ title: "Wire the exporter", status: "todo" }]);
    expect(await changes("QMINE")).toEqual([{ action: "created", to: null }]);
    expect(await tasksOf("QSTRANGE")).toEqual([]);
  });

  describe("when `taskhub import` of Claude's list makes the task", () => {
    // A real list (test/fixtures/trackers/claude-tasks-time-tracker): task 3 is pending there.
    const importList = (projectKey: string, listId: string) =>
      call(`/api/import/tracker?project=${projectKey}`, { method: "POST", json: { from: "claude-tasks", listId, files: claudeList } });
    const task3 = async (projectKey: string) => (await tasksOf(projectKey)).find((t) => t.title.startsWith("F03"));

    it("applies the session's completion that waited for it", async () => {
      await createProject("QIMP", { paths: ["/work/qimp"] });
      const list = `time-tracker-${crypto.randomUUID().slice(0, 8)}`;
      await consume(INGRESS, [queuedHook(crypto.randomUUID(), "/work/qimp", completed("3"), "2026-12-01T10:00:01.000Z", undefined, list)]);
      expect(await tasksOf("QIMP")).toEqual([]);
      expect((await importList("QIMP", list)).status).toBe(200);
      expect(await task3("QIMP")).toMatchObject({ status: "completed" });
    });

    it("leaves another project's session's waiting completion where it is", async () => {
      await createProject("QIMPX", { paths: ["/work/qimpx"] });
      await createProject("QIMPME", { paths: ["/work/qimpme"] });
      const list = `time-tracker-${crypto.randomUUID().slice(0, 8)}`;
      await consume(INGRESS, [queuedHook(crypto.randomUUID(), "/work/qimpx", completed("3"), "2026-12-01T10:00:01.000Z", undefined, list)]);
      expect((await importList("QIMPME", list)).status).toBe(200);
      expect(await task3("QIMPME")).toMatchObject({ status: "todo" });
      expect(await tasksOf("QIMPX")).toEqual([]);
    });
  });
});

describe("the dead-letter queue", () => {
  it("receives a poison message from the real queue after its retries, and /runs shows it dead", { timeout: 60_000 }, async () => {
    const marker = `poison-${crypto.randomUUID()}`;
    await env.INGRESS.send({ poison: marker });
    const dead = await eventually(
      () => env.DB.prepare(`SELECT id, status, error FROM deliveries WHERE source = 'queue' AND payload LIKE ?`).bind(`%${marker}%`).first<{ id: string; status: string; error: string }>(),
      { tries: 200, everyMs: 100 },
    );
    expect(dead).toMatchObject({ status: "dead", error: expect.stringMatching(/not a delivery/) });
    const html = await (await call("/runs")).text();
    const start = html.indexOf(`data-delivery="${dead.id}"`);
    expect(start).toBeGreaterThan(-1);
    expect(html.slice(start, html.indexOf("</tr>", start))).toContain("dead");
  });

  it("records a delivery it receives as dead, and /runs offers the operator its replay", async () => {
    await createProject("QDEAD", { repos: ["acme/qdead"] });
    const key = await newTask("QDEAD");
    const d = queuedPush("acme/qdead", key);
    const { ids, result } = await consume(DEAD, [d]);
    expect(result.ackAll || result.explicitAcks.includes(ids[0])).toBe(true);
    expect(await status(d.id)).toBe("dead");
    const html = await (await call("/runs")).text();
    const start = html.indexOf(`data-delivery="${d.id}"`);
    expect(html.slice(start, html.indexOf("</tr>", start))).toContain(`/runs/${encodeURIComponent(d.id)}/replay`);
    const replay = await call(`/runs/${encodeURIComponent(d.id)}/replay`, { method: "POST", body: new URLSearchParams(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(replay.status).toBeLessThan(400);
    await eventually(async () => (await status(d.id)) === "processed");
    expect(await comments(key)).toBe(1);
  });
});
