// cron-digests (workflow digests) on Cloudflare Workflows: one per person per local day at their hour, none when there is nothing to say.
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClock } from "../../src/domain/digest";
import { createProject } from "../support/hub";
import { createTask, createUser, emails } from "../support/people";
import { tick, withoutSleeps } from "../support/workflows";

let wf: Awaited<ReturnType<typeof withoutSleeps>>;
beforeAll(async () => {
  wf = await withoutSleeps();
});
afterAll(async () => wf.introspector.dispose());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A tick twenty minutes into this hour, so ticks a few minutes apart stay inside one hour. */
const TICK = Math.floor(Date.now() / HOUR) * HOUR + 20 * 60_000;
const soon = (hours: number) => new Date(TICK + hours * HOUR).toISOString();
const utcHour = (t: number) => new Date(t).getUTCHours();
/** The latest Monday at or before TICK, same time of day. */
const MONDAY = TICK - ((new Date(TICK).getUTCDay() + 6) % 7) * DAY;

describe("digests", () => {
  it("sends a person their daily digest at their local hour, once however many ticks follow", async () => {
    await createProject("DIG");
    const berlin = localClock(new Date(TICK), "Europe/Berlin");
    const u = await createUser("daily@dig.test", { digest: "daily", digestHour: berlin.hour, timezone: "Europe/Berlin" });
    await createTask("DIG", "Due soon", { assignee: u.id, dueAt: soon(30) });
    await wf.outputOf("24h"); // the task's deadline run
    await tick("0 * * * *", TICK);
    await wf.outputOf("due");
    await tick("0 * * * *", TICK + 60_000);
    await wf.outputOf("due");
    const sent = await emails({ to: "daily@dig.test", kind: "digest" });
    expect(sent).toHaveLength(1);
    const key = await env.DB.prepare(`SELECT idempotency_key AS k FROM emails WHERE id = ?`).bind(sent[0].id).first<string>("k");
    expect(key).toBe(`digest:${u.id}:${berlin.date}`);
  });

  it("sends nothing to a person with nothing to report", async () => {
    await createUser("idle@dig.test", { digest: "daily", digestHour: utcHour(TICK) });
    await tick("0 * * * *", TICK + 120_000);
    await wf.outputOf("due");
    expect(await emails({ to: "idle@dig.test" })).toEqual([]);
  });

  it("sends a weekly digest only on Mondays", async () => {
    await createProject("WEK");
    const u = await createUser("weekly@wek.test", { digest: "weekly", digestHour: utcHour(TICK) });
    await createTask("WEK", "Ongoing", { assignee: u.id, dueAt: new Date(MONDAY + 20 * HOUR).toISOString() });
    await wf.outputOf("24h");
    await tick("0 * * * *", MONDAY + DAY); // Tuesday
    await wf.outputOf("due");
    expect(await emails({ to: "weekly@wek.test", kind: "digest" })).toEqual([]);
    await tick("0 * * * *", MONDAY);
    await wf.outputOf("due");
    expect(await emails({ to: "weekly@wek.test", kind: "digest" })).toHaveLength(1);
  });

  it("leaves out people whose digest is off", async () => {
    await createProject("OFF");
    const u = await createUser("off@off.test", { digest: "off", digestHour: utcHour(TICK) });
    await createTask("OFF", "Something", { assignee: u.id, dueAt: soon(5) });
    await wf.outputOf("24h");
    await tick("0 * * * *", TICK + 240_000);
    await wf.outputOf("due");
    expect(await emails({ to: "off@off.test", kind: "digest" })).toEqual([]);
  });
});
