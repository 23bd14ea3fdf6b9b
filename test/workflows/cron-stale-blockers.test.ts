// cron-stale-blockers (workflow chase-stale-blockers) on Cloudflare Workflows: hourly, a blocker others wait on is nudged once, then escalated if it does not move.
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { addMember, createTask, createUser, emails } from "../support/people";
import { tick, withoutSleeps } from "../support/workflows";

let wf: Awaited<ReturnType<typeof withoutSleeps>>;
beforeAll(async () => {
  wf = await withoutSleeps();
});
afterAll(async () => wf.introspector.dispose());

const DAY = 86_400_000;
let minute = 0;
/** Each tick a distinct minute: the dev ticker fires every minute, and each tick is its own run. */
const hourly = async () => {
  await tick("0 * * * *", Date.now() + ++minute * 60_000);
  await wf.outputOf("nudged"); // digests run on the same cron; this waits for the chase
};

/** A blocker untouched for four days that one task waits on, in a project with an owner. */
async function staleBlocker(project: string) {
  await createProject(project);
  const owner = await createUser(`owner@${project.toLowerCase()}.test`);
  await addMember(project, owner.id, "owner");
  const slow = await createUser(`slow@${project.toLowerCase()}.test`);
  const blocker = await createTask(project, "Untouched", { assignee: slow.id });
  const waiting = await createTask(project, "Waiting");
  await call(`/api/tasks/${waiting.key}/dependencies`, { method: "POST", json: { dependsOn: blocker.key } });
  await env.DB.prepare(`UPDATE tasks SET updated_at = ? WHERE id = ?`).bind(new Date(Date.now() - 4 * DAY).toISOString(), blocker.id).run();
  return { blocker, owner: `owner@${project.toLowerCase()}.test`, slow: `slow@${project.toLowerCase()}.test` };
}

describe("chase-stale-blockers", () => {
  it("nudges the assignee of a blocker untouched for three days, once however many hours pass", async () => {
    const { slow, blocker } = await staleBlocker("STL");
    await hourly();
    await hourly();
    expect((await emails({ to: slow })).map((e) => [e.kind, e.taskKey])).toEqual([["nudge", blocker.key]]);
  });

  it("tells the project owner when the blocker has not moved two days after the nudge", async () => {
    const { owner, blocker } = await staleBlocker("ESC");
    await hourly();
    await env.DB.prepare(`UPDATE emails SET created_at = ? WHERE task_id = ? AND kind = 'nudge'`).bind(new Date(Date.now() - 2.5 * DAY).toISOString(), blocker.id).run();
    await hourly();
    await hourly();
    expect((await emails({ to: owner })).map((e) => [e.kind, e.taskKey])).toEqual([["escalation", blocker.key]]);
  });

  it("does not escalate a blocker that moved after the nudge", async () => {
    const { owner, blocker } = await staleBlocker("MVD");
    await hourly();
    await env.DB.prepare(`UPDATE emails SET created_at = ? WHERE task_id = ? AND kind = 'nudge'`).bind(new Date(Date.now() - 2.5 * DAY).toISOString(), blocker.id).run();
    await call(`/api/tasks/${blocker.key}/status`, { method: "PUT", json: { status: "in_progress" } });
    // A move that is not a completion starts no chase-dependencies run (its trigger's `when`): nothing to wait for.
    await hourly();
    expect(await emails({ to: owner })).toEqual([]);
  });
});
