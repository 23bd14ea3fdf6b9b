// task-finished (workflow chase-dependencies) on Cloudflare Workflows (sleeps disabled): unblock and tell, nudge a stale blocker, escalate, never twice.
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createProject, getTask } from "../support/hub";
import { addMember, createTask, createUser, emails } from "../support/people";
import { engine, send, withoutSleeps } from "../support/workflows";
import { followUpsId } from "../../src/domain/follow-ups";
import type { FollowUpItem } from "../../src/domain/events";

let wf: Awaited<ReturnType<typeof withoutSleeps>>;
beforeAll(async () => {
  wf = await withoutSleeps();
});
afterAll(async () => wf.introspector.dispose());

const depend = (task: string, dependsOn: string) => call(`/api/tasks/${task}/dependencies`, { method: "POST", json: { dependsOn } });
const complete = (key: string) => call(`/api/tasks/${key}/status`, { method: "PUT", json: { status: "completed" } });

describe("chase-dependencies", () => {
  it("tells the dependent's assignee it is unblocked, and says which completion freed it", async () => {
    await createProject("UNB");
    const al = await createUser("al@unb.test");
    const bea = await createUser("bea@unb.test");
    const blocker = await createTask("UNB", "Lay the foundation", { assignee: al.id });
    const dependent = await createTask("UNB", "Build the walls", { assignee: bea.id });
    await depend(dependent.key, blocker.key);
    await complete(blocker.key);
    await wf.outputOf("unblocked");
    expect((await emails({ kind: "unblocked" })).map((e) => [e.to, e.taskKey])).toEqual([["bea@unb.test", dependent.key]]);
    const freed = (await getTask(dependent.key))?.activity.find((a: { action: string }) => a.action === "unblocked");
    expect(freed?.data).toMatchObject({ by: blocker.key });
  });

  it("starts no chase when the completed task has no dependents, and one when it has", async () => {
    await createProject("LONE");
    const lone = await createTask("LONE", "Nobody waits on this");
    const blocker = await createTask("LONE", "Someone waits on this");
    await depend((await createTask("LONE", "Waiting")).key, blocker.key);
    await complete(lone.key);
    await complete(blocker.key);
    await wf.outputOf("unblocked");
    // A completion's follow-ups travel as a batch of one (domain/follow-ups.ts); it starts a chase only where one has work.
    const completion = async (id: string) =>
      followUpsId([{ id: `status-${id}-${(await env.DB.prepare("SELECT version FROM tasks WHERE id = ?").bind(id).first<{ version: number }>())!.version}` } as FollowUpItem]);
    expect(await engine().status("chase-dependencies", await completion(lone.id))).toBe("none");
    expect(await engine().status("chase-dependencies", await completion(blocker.id))).toBe("complete");
  });

  it("does not unblock a dependent that still waits on an open blocker", async () => {
    await createProject("TWO");
    const cy = await createUser("cy@two.test");
    const a = await createTask("TWO", "First half");
    const b = await createTask("TWO", "Second half");
    const d = await createTask("TWO", "Whole", { assignee: cy.id });
    await depend(d.key, a.key);
    await depend(d.key, b.key);
    await complete(a.key);
    await wf.outputOf("unblocked");
    expect(await emails({ to: "cy@two.test" })).toEqual([]);
  });

  it("nudges the assignee of an overdue blocker, then tells the project owner when it has not moved", async () => {
    await createProject("NUD");
    const owner = await createUser("owner@nud.test");
    await addMember("NUD", owner.id, "owner");
    const slow = await createUser("slow@nud.test");
    const waiting = await createUser("waiting@nud.test");
    const done = await createTask("NUD", "Done part");
    const stale = await createTask("NUD", "Stale part", { assignee: slow.id, dueAt: new Date(Date.now() - 3_600_000).toISOString() });
    await wf.outputOf("24h"); // the stale part's own overdue alert
    const d = await createTask("NUD", "Waits on both", { assignee: waiting.id });
    await depend(d.key, done.key);
    await depend(d.key, stale.key);
    await complete(done.key);
    const out = await wf.outputOf("nudged");
    expect(out).toMatchObject({ unblocked: 0, nudged: 1, escalated: 1 });
    expect((await emails({ kind: "nudge" })).map((e) => [e.to, e.taskKey])).toEqual([["slow@nud.test", stale.key]]);
    expect((await emails({ kind: "escalation" })).map((e) => [e.to, e.taskKey])).toEqual([["owner@nud.test", stale.key]]);
  });

  it("sends one unblocked email however often the completion event arrives", async () => {
    await createProject("REP");
    const di = await createUser("di@rep.test");
    const blocker = await createTask("REP", "Blocker");
    const dependent = await createTask("REP", "Dependent", { assignee: di.id });
    await depend(dependent.key, blocker.key);
    await complete(blocker.key);
    await wf.outputOf("unblocked");
    await send("task/status.changed", `replayed-${blocker.id}`, { taskId: blocker.id, from: "todo", to: "completed" });
    await wf.outputOf("unblocked");
    expect(await emails({ to: "di@rep.test" })).toHaveLength(1);
    expect((await getTask(dependent.key))?.activity.filter((a: { action: string }) => a.action === "unblocked")).toHaveLength(1);
  });

  it("frees nothing when the task was reopened before the run read it", async () => {
    await createProject("REO");
    const ed = await createUser("ed@reo.test");
    const blocker = await createTask("REO", "Reopened");
    const dependent = await createTask("REO", "Still waiting", { assignee: ed.id });
    await depend(dependent.key, blocker.key);
    await send("task/status.changed", `stale-${blocker.id}`, { taskId: blocker.id, from: "todo", to: "completed" });
    expect(await wf.outputOf("unblocked")).toMatchObject({ unblocked: 0, told: 0 });
    expect(await emails({ to: "ed@reo.test" })).toEqual([]);
  });
});
