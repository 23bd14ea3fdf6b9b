// task-due-changed (workflow deadline-alerts) on Cloudflare Workflows (sleeps disabled): alerts, stops when done or moved, never twice.
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { createTask, createUser, emails } from "../support/people";
import { emailKeys, send, withoutSleeps } from "../support/workflows";

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
let wf: Awaited<ReturnType<typeof withoutSleeps>>;
beforeAll(async () => {
  wf = await withoutSleeps();
});
afterAll(async () => wf.introspector.dispose());

describe("deadline-alerts", () => {
  it("alerts the assignee at once when a task is set due inside the next 24 hours", async () => {
    await createProject("DLA");
    const ann = await createUser("ann@dla.test");
    const dueAt = inMinutes(90);
    const t = await createTask("DLA", "Ship the release <b>now</b>", { assignee: ann.id, dueAt });
    await wf.outputOf("24h");
    const sent = await emails({ task: t.key });
    expect(sent.map((e) => [e.kind, e.to])).toEqual([["deadline", "ann@dla.test"]]);
    expect(await emailKeys(`deadline:${t.id}:`)).toEqual([`deadline:${t.id}:${dueAt}:24h`]);
  });

  it("sends only the overdue alert for a task set due in the past", async () => {
    await createProject("OVD");
    const bo = await createUser("bo@ovd.test");
    const t = await createTask("OVD", "Late already", { assignee: bo.id, dueAt: inMinutes(-5) });
    await wf.outputOf("24h");
    expect((await emails({ task: t.key })).map((e) => e.kind)).toEqual(["overdue"]);
  });

  it("stops without an email when the task is done before its alert", async () => {
    await createProject("DNE");
    const cy = await createUser("cy@dne.test");
    const t = await createTask("DNE", "Finished early", { assignee: cy.id });
    expect((await call(`/api/tasks/${t.key}/status`, { method: "PUT", json: { status: "completed" } })).status).toBe(200);
    const r = await call(`/api/tasks/${t.key}`, { method: "PUT", json: { dueAt: inMinutes(60) } });
    expect(r.status, await r.clone().text()).toBe(200);
    expect(await wf.outputOf("24h")).toEqual({ "24h": "stopped" });
    expect(await emails({ task: t.key })).toEqual([]);
  });

  it("stops a run whose due date has since moved; the moved date alerts under its own key", async () => {
    await createProject("MOV");
    const di = await createUser("di@mov.test");
    const moved = inMinutes(120);
    const t = await createTask("MOV", "Moved", { assignee: di.id, dueAt: moved });
    await wf.outputOf("24h");
    const old = inMinutes(30);
    await send("task/due.changed", `due-${t.id}-${old}`, { taskId: t.id, dueAt: old });
    expect(await wf.outputOf("24h")).toEqual({ "24h": "stopped" });
    expect(await emailKeys(`deadline:${t.id}:`)).toEqual([`deadline:${t.id}:${moved}:24h`]);
  });

  it("sends one email for a replayed due.changed event", async () => {
    await createProject("RPL");
    const ed = await createUser("ed@rpl.test");
    const t = await createTask("RPL", "Once");
    const dueAt = inMinutes(45);
    await env.DB.prepare(`UPDATE tasks SET due_at = ?, assignee_id = ? WHERE id = ?`).bind(dueAt, ed.id, t.id).run();
    await send("task/due.changed", `due-${t.id}-${dueAt}`, { taskId: t.id, dueAt });
    await wf.outputOf("24h");
    await send("task/due.changed", `due-${t.id}-${dueAt}`, { taskId: t.id, dueAt }); // the same id: no new run
    await send("task/due.changed", `due-again-${t.id}-${dueAt}`, { taskId: t.id, dueAt }); // another id: a run that finds the key used
    await wf.outputOf("24h", "duplicate");
    expect(await emailKeys(`deadline:${t.id}:`)).toEqual([`deadline:${t.id}:${dueAt}:24h`]);
  });
});
