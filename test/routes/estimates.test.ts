// Estimates against actuals: set on REST and the task page, reported by task, person, week and budget, only within what one may read.
import { describe, expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { page, postForm, session } from "../support/dashboard";
import { addMember, createTask, createUser, tokenFor } from "../support/people";

const log = (key: string, minutes: number) => call(`/api/tasks/${key}/time`, { method: "POST", json: { minutes } });

describe("estimates on tasks", () => {
  it("REST takes an estimate on create and change, and clears it with null", async () => {
    await createProject("EST");
    const created = await (await call("/api/tasks", { method: "POST", json: { project: "EST", title: "sized", estimatedHours: 3 } })).json();
    expect(created.estimatedHours).toBe(3);
    const changed = await (await call(`/api/tasks/${created.key}`, { method: "PUT", json: { estimatedHours: 1.5 } })).json();
    expect(changed.estimatedHours).toBe(1.5);
    expect((await (await call(`/api/tasks/${created.key}`, { method: "PUT", json: { estimatedHours: null } })).json()).estimatedHours).toBeNull();
  });

  it("refuses a negative estimate with 400 and keeps the old one", async () => {
    await createProject("ESTNEG");
    const t = await createTask("ESTNEG", "sized", { estimatedHours: 2 });
    expect((await call(`/api/tasks/${t.key}`, { method: "PUT", json: { estimatedHours: -1 } })).status).toBe(400);
    expect((await (await call(`/api/tasks/${t.key}`)).json()).estimatedHours).toBe(2);
  });

  it("the task page's form sets the estimate", async () => {
    await createProject("ESTFORM");
    const t = await createTask("ESTFORM", "sized");
    const cookie = await session();
    expect((await postForm(`/tasks/${t.key}/estimate`, { hours: "4.5" }, cookie, `/tasks/${t.key}`)).status).toBe(303);
    expect((await (await call(`/api/tasks/${t.key}`)).json()).estimatedHours).toBe(4.5);
    expect(await (await page(`/tasks/${t.key}`, cookie)).text()).toContain("of 4.5 h estimated");
  });
});

describe("the estimates report", () => {
  it("shows each estimated task against the time logged, the budget left, and the same in the CSV", async () => {
    await createProject("ESTREP");
    expect((await call("/api/projects/ESTREP", { method: "PUT", json: { settings: { budgetHours: 10 } } })).status).toBe(200);
    const over = await createTask("ESTREP", "ran long", { estimatedHours: 1 });
    await log(over.key, 180);
    const cookie = await session();
    const html = await (await page("/reports", cookie)).text();
    expect(html).toContain("Estimates against actuals");
    expect(html).toMatch(new RegExp(`${over.key}</a></td><td>1 h</td><td>3 h</td><td>\\+2 h \\(3×\\)`));
    expect(html).toMatch(/ESTREP<\/td><td>10 h budget<\/td><td>1 h estimated<\/td><td>3 h logged<\/td><td>7 h left/);
    const csv = await (await page("/reports.csv", cookie)).text();
    expect(csv).toContain(`estimate_by_task_actual_hours,${over.key},ran long,3`);
    expect(csv).toContain("budget_hours,ESTREP,,10");
  });

  it("shows a person only the estimates of projects they read", async () => {
    await createProject("ESTMINE");
    await createProject("ESTTHEIRS");
    const theirs = await createTask("ESTTHEIRS", "secret sizing", { estimatedHours: 7 });
    const user = await createUser("est-viewer@example.com");
    await addMember("ESTMINE", user.id, "viewer");
    const html = await (await call("/reports", { token: await tokenFor(user.id, ["read"]) })).text();
    expect(html).not.toContain(theirs.key);
    expect(html).not.toContain("secret sizing");
  });
});
