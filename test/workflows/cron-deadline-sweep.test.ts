// cron-deadline-sweep (workflow deadline-sweep) on Cloudflare Workflows: every 15 minutes, an alert a lost sleep missed goes out, never twice.
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject } from "../support/hub";
import { createTask, createUser } from "../support/people";
import { emailKeys, tick, withoutSleeps } from "../support/workflows";

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
let minute = 0;
/** A sweep tick in a minute of its own: one tick a minute is one run, as on the dev ticker. */
const sweep = () => tick("*/15 * * * *", Date.now() + ++minute * 60_000);
let wf: Awaited<ReturnType<typeof withoutSleeps>>;
beforeAll(async () => {
  wf = await withoutSleeps();
});
afterAll(async () => wf.introspector.dispose());

describe("deadline sweep", () => {
  it("sends the alert a lost sleep missed", async () => {
    await createProject("SWP");
    const fi = await createUser("fi@swp.test");
    const t = await createTask("SWP", "Forgotten", { assignee: fi.id });
    const dueAt = inMinutes(-10);
    // Due date written without its event: as if the sleeping run had been lost.
    await env.DB.prepare(`UPDATE tasks SET due_at = ? WHERE id = ?`).bind(dueAt, t.id).run();
    await sweep();
    await wf.outputOf("sent");
    expect(await emailKeys(`deadline:${t.id}:`)).toEqual([`deadline:${t.id}:${dueAt}:due`]);
  });

  it("racing the sleeping run, never doubles its alert", async () => {
    await createProject("RAC");
    const gu = await createUser("gu@rac.test");
    const dueAt = inMinutes(90);
    const t = await createTask("RAC", "Raced", { assignee: gu.id, dueAt });
    await sweep(); // racing the run the due date started
    await wf.outputOf("sent");
    await wf.outputOf("24h");
    await sweep();
    await wf.outputOf("sent");
    expect(await emailKeys(`deadline:${t.id}:`)).toEqual([`deadline:${t.id}:${dueAt}:24h`]);
  });
});
