// The Engine contract: events reach their workflows, replays do nothing, failed steps retry, sleeps resume, stale runs stop.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Task } from "../../src/domain/tasks";
import { cronEvent } from "../../src/workflows/define";
import { makeEvent, type EventEnvelope } from "../../src/workflows/events";
import { EXTRACT_STEPS } from "../../src/workflows/claude-session";
import { batchFollowUps } from "../../src/domain/follow-ups";
import { runOf, type EngineHarness } from "./engine-harness";

const HOUR = 3_600_000;
const letters = () => Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");
const now = () => new Date().toISOString();

export function engineContract(name: string, setup: () => Promise<EngineHarness>) {
  describe(`${name} engine contract`, () => {
    let h: EngineHarness;
    let key: string;
    let cwd: string;
    let repo: string;

    beforeEach(async () => {
      h = await setup();
      key = letters();
      cwd = `/work/${key.toLowerCase()}`;
      repo = `acme/${key.toLowerCase()}`;
      await h.services.store.createProject({ key, name: key, repos: [repo], paths: [cwd], at: now() });
    });
    afterEach(() => h.dispose());

    const store = () => h.services.store;
    const tasks = async () => (await store().listTasks({ projectKey: key }, 100, null)).items;
    const project = async () => (await store().getProject(key))!;
    const activityCount = async () => (await store().activitySince(0, 1000, (await project()).id)).length;

    async function transcript(title: string, eventName: "claude/transcript.received" | "claude/hook.received" = "claude/transcript.received") {
      const sessionId = crypto.randomUUID();
      const deliveryId = `transcript:${sessionId}`;
      const origin = { sessionId, lineUuid: crypto.randomUUID(), at: now(), cwd, gitBranch: null, chain: "main" };
      const intents = [{ type: "upsert", origin, externalKey: `claude:${sessionId}:1`, source: "task-tool", title, status: "todo", tags: [], matchByTitle: false }];
      await store().recordDelivery({ id: deliveryId, source: "transcript", event: "transcript", payload: JSON.stringify({ sessionId, cwd, gitBranch: null, intents }), at: now() });
      return makeEvent(eventName, `ev-${deliveryId}`, { deliveryId, sessionId }, now());
    }

    async function push(message: string, ref = "refs/heads/main") {
      const deliveryId = crypto.randomUUID();
      const sha = crypto.randomUUID().replace(/-/g, "").padEnd(40, "0");
      const payload = { repo, defaultBranch: "main", ref, actor: "octo", commits: [{ sha, message, url: `https://github.com/${repo}/commit/${sha}`, at: now(), author: "octo" }] };
      await store().recordDelivery({ id: deliveryId, source: "github", event: "push", payload: JSON.stringify(payload), at: now() });
      return makeEvent("github/push.received", deliveryId, { deliveryId }, now());
    }

    async function assignedTask(dueAt: string | null): Promise<{ task: Task; email: string }> {
      const email = `${crypto.randomUUID()}@example.com`;
      const user = await store().createUser({ email, name: "Ada", timezone: "UTC", digest: "off", digestHour: 9 }, now());
      const task = await store().createTask({ projectKey: key, title: "Ship it", dueAt, assigneeId: user.id }, "admin", now());
      return { task, email };
    }

    const dueChanged = (task: Task, dueAt: string): EventEnvelope => makeEvent("task/due.changed", `due-${task.id}-${dueAt}`, { taskId: task.id, dueAt }, now());

    it("runs extract-tasks for a transcript event, creating the session's task", async () => {
      const runs = await h.deliver([await transcript("Write the parser")]);
      expect(runOf(runs, "extract-tasks")).toMatchObject({ status: "complete", output: { tasks: 1 } });
      expect((await tasks()).map((t) => t.title)).toEqual(["Write the parser"]);
    });

    it("runs extract-tasks for a hook event too", async () => {
      const runs = await h.deliver([await transcript("Review the plan", "claude/hook.received")]);
      expect(runOf(runs, "extract-tasks")).toMatchObject({ status: "complete" });
      expect((await tasks()).map((t) => t.title)).toEqual(["Review the plan"]);
    });

    it("runs link-commits for a push, completing the task a default-branch commit fixes", async () => {
      const task = await store().createTask({ projectKey: key, title: "Fix login" }, "admin", now());
      const runs = await h.deliver([await push(`Fixes ${task.key}`)]);
      expect(runOf(runs, "link-commits")).toMatchObject({ status: "complete", output: { commits: 1, changed: 1 } });
      expect((await store().getTask(task.key))!.status).toBe("completed");
    });

    it("starts, rather than completes, a task fixed by a commit off the default branch", async () => {
      const task = await store().createTask({ projectKey: key, title: "Fix logout" }, "admin", now());
      await h.deliver([await push(`Fixes ${task.key}`, "refs/heads/feature")]);
      expect((await store().getTask(task.key))!.status).toBe("in_progress");
    });

    it("starts nothing when a transcript event is replayed with the same id", async () => {
      const event = await transcript("Only once");
      await h.deliver([event]);
      const activity = await activityCount();
      expect(await h.deliver([event])).toEqual([]);
      expect(await tasks()).toHaveLength(1);
      expect(await activityCount()).toBe(activity);
    });

    it("changes nothing when a push is replayed with the same id", async () => {
      const task = await store().createTask({ projectKey: key, title: "Fix search" }, "admin", now());
      const event = await push(`Refs ${task.key}`);
      await h.deliver([event]);
      const activity = await activityCount();
      expect(await h.deliver([event])).toEqual([]);
      expect(await activityCount()).toBe(activity);
    });

    it("retries a failing step and completes the run, applying its effect once", async () => {
      const runs = await h.deliver([await transcript("Survive a failure")], { failOnce: [EXTRACT_STEPS.apply] });
      expect(runOf(runs, "extract-tasks")).toMatchObject({ status: "complete", output: { tasks: 1 } });
      expect(await tasks()).toHaveLength(1);
    });

    it("retries a failing first step of link-commits", async () => {
      const task = await store().createTask({ projectKey: key, title: "Fix cache" }, "admin", now());
      const runs = await h.deliver([await push(`Closes ${task.key}`)], { failOnce: ["load-push"] });
      expect(runOf(runs, "link-commits")).toMatchObject({ status: "complete" });
      expect((await store().getTask(task.key))!.status).toBe("completed");
    });

    it("resumes deadline-alerts after its sleep and sends the alert that is due", async () => {
      const dueAt = new Date(Date.now() + 2 * HOUR).toISOString();
      const { task, email } = await assignedTask(dueAt);
      const runs = await h.deliver([dueChanged(task, dueAt)]);
      // Both sleeps resumed: the 24-hour alert went out; the step after the second sleep ran too (its time has not come).
      expect(runOf(runs, "deadline-alerts")).toMatchObject({ status: "complete", output: { "24h": "sent", due: expect.any(String) } });
      expect((runOf(runs, "deadline-alerts").output as { due: string }).due).not.toBe("sent");
      expect(await store().listEmails({ to: email, kind: "deadline" }, 10)).toHaveLength(1);
    });

    it("stops deadline-alerts after its sleep when the task was completed meanwhile", async () => {
      const dueAt = new Date(Date.now() + 2 * HOUR).toISOString();
      const { task, email } = await assignedTask(dueAt);
      await store().updateTask(task.key, { status: "completed" }, "admin", now());
      const runs = await h.deliver([dueChanged(task, dueAt)]);
      expect(runOf(runs, "deadline-alerts")).toMatchObject({ status: "complete", output: { "24h": "stopped" } });
      expect(await store().listEmails({ to: email }, 10)).toHaveLength(0);
    });

    it("stops deadline-alerts for a due date that has since moved", async () => {
      const dueAt = new Date(Date.now() + 2 * HOUR).toISOString();
      const { task, email } = await assignedTask(new Date(Date.now() + 5 * HOUR).toISOString());
      const runs = await h.deliver([dueChanged(task, dueAt)]);
      expect(runOf(runs, "deadline-alerts")).toMatchObject({ status: "complete", output: { "24h": "stopped" } });
      expect(await store().listEmails({ to: email }, 10)).toHaveLength(0);
    });

    it("runs chase-dependencies for a completion, telling the freed task's assignee", async () => {
      const blocker = await store().createTask({ projectKey: key, title: "Design schema" }, "admin", now());
      const { task: dependent, email } = await assignedTask(null);
      await store().addDependency(dependent.key, blocker.key, "admin", now());
      const { task: done } = await store().updateTask(blocker.key, { status: "completed" }, "admin", now());
      const runs = await h.deliver([makeEvent("task/status.changed", `status-${done.id}-${done.version}`, { taskId: done.id, from: "todo", to: "completed" }, now())]);
      expect(runOf(runs, "chase-dependencies")).toMatchObject({ status: "complete", output: { unblocked: 1, told: 1 } });
      expect(await store().listEmails({ to: email, kind: "unblocked" }, 10)).toHaveLength(1);
    });

    /** Three completed blockers, each freeing an assigned dependent: their status events and the dependents' addresses. */
    async function burstOfCompletions() {
      const events: EventEnvelope[] = [];
      const emails: string[] = [];
      for (let i = 0; i < 3; i++) {
        const blocker = await store().createTask({ projectKey: key, title: `Blocker ${i}` }, "admin", now());
        const { task: dependent, email } = await assignedTask(null);
        await store().addDependency(dependent.key, blocker.key, "admin", now());
        const { task: done } = await store().updateTask(blocker.key, { status: "completed" }, "admin", now());
        events.push(makeEvent("task/status.changed", `status-${done.id}-${done.version}`, { taskId: done.id, from: "todo", to: "completed" }, now()));
        emails.push(email);
      }
      return { events, emails };
    }

    it("runs one chase for a burst of completions, a failing task's step retried alone, each freed assignee told once", async () => {
      const { events, emails } = await burstOfCompletions();
      const runs = await h.deliver(batchFollowUps(events, now()), { failOnce: [`release-dependents-${events[1].id}`] });
      expect(runs.filter((r) => r.workflowId === "chase-dependencies")).toHaveLength(1);
      expect(runOf(runs, "chase-dependencies")).toMatchObject({ status: "complete", output: { unblocked: 3, told: 3, tasks: 3 } });
      for (const email of emails) expect(await store().listEmails({ to: email, kind: "unblocked" }, 10)).toHaveLength(1);
    });

    it("starts nothing when a burst's follow-ups are sent again", async () => {
      const { events, emails } = await burstOfCompletions();
      await h.deliver(batchFollowUps(events, now()));
      expect(await h.deliver(batchFollowUps(events, now()))).toEqual([]);
      for (const email of emails) expect(await store().listEmails({ to: email, kind: "unblocked" }, 10)).toHaveLength(1);
    });

    it("runs the deadline sweep on its cron tick, once per tick", async () => {
      const { email } = await assignedTask(new Date(Date.now() + 3 * HOUR).toISOString());
      const tick = cronEvent("*/15 * * * *", Date.now());
      const runs = await h.deliver([tick]);
      expect(runOf(runs, "deadline-sweep")).toMatchObject({ status: "complete" });
      expect(await store().listEmails({ to: email, kind: "deadline" }, 10)).toHaveLength(1);
      expect(await h.deliver([tick])).toEqual([]);
    });
  });
}
