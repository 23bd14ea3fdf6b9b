// The same input gets the same answer on REST, MCP and the dashboard's forms: one schema (src/app/inputs.ts), one use case.

import { expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { postForm, session } from "../support/dashboard";
import { connect, textOf } from "../support/mcp";

it("an unknown assignee is refused with 400 unknown_assignee on REST create and update, and the same code by MCP update_task", async () => {
  await createProject("ASG");
  const create = await call("/api/tasks", { method: "POST", json: { project: "ASG", title: "who", assignee: "nobody@example.com" } });
  expect(create.status).toBe(400);
  expect((await create.json()).code).toBe("unknown_assignee");
  await call("/api/tasks", { method: "POST", json: { project: "ASG", title: "who" } });
  const update = await call("/api/tasks/ASG-1", { method: "PUT", json: { assignee: "nobody@example.com" } });
  expect(update.status).toBe(400);
  expect((await update.json()).code).toBe("unknown_assignee");
  const r = await (await connect()).callTool({ name: "update_task", arguments: { key: "ASG-1", assignee: "nobody@example.com", title: "renamed" } });
  expect(r.isError).toBe(true);
  expect(textOf(r)).toMatch(/^unknown_assignee: /);
  const t = await (await call("/api/tasks/ASG-1")).json();
  expect([t.assigneeId, t.title]).toEqual([null, "who"]);
});

it("minutes out of range are refused with 400 by REST and by the task page's form, and nothing is logged", async () => {
  await createProject("MIN");
  await call("/api/tasks", { method: "POST", json: { project: "MIN", title: "time" } });
  const rest = await call("/api/tasks/MIN-1/time", { method: "POST", json: { minutes: 999_999_999 } });
  expect(rest.status).toBe(400);
  expect((await rest.json()).code).toBe("invalid_request");
  const form = await postForm("/tasks/MIN-1/time", { minutes: "999999999" }, await session(), "/tasks/MIN-1");
  expect(form.status).toBe(400);
  expect(((await form.json()) as { code: string }).code).toBe("invalid_request");
  expect((await (await call("/api/tasks/MIN-1/time")).json()).totalMinutes).toBe(0);
});

it("the task page's form logs minutes in range, as REST does", async () => {
  await createProject("MOK");
  await call("/api/tasks", { method: "POST", json: { project: "MOK", title: "time" } });
  expect((await postForm("/tasks/MOK-1/time", { minutes: "90" }, await session(), "/tasks/MOK-1")).status).toBe(303);
  expect((await (await call("/api/tasks/MOK-1/time")).json()).totalMinutes).toBe(90);
});

it("a cursor the hub did not issue is 400 invalid_request on REST and the same code from MCP list_tasks", async () => {
  await createProject("CUR");
  await call("/api/tasks", { method: "POST", json: { project: "CUR", title: "one" } });
  for (const cursor of ["W10", "not-a-cursor"]) {
    const rest = await call(`/api/tasks?project=CUR&cursor=${cursor}`);
    expect(rest.status, cursor).toBe(400);
    expect((await rest.json()).code, cursor).toBe("invalid_request");
  }
  const r = await (await connect()).callTool({ name: "list_tasks", arguments: { project: "CUR", cursor: "W10" } });
  expect(r.isError).toBe(true);
  expect(textOf(r)).toMatch(/^invalid_request: /);
});

it("MCP list_tasks pages with the cursor it hands out", async () => {
  await createProject("PAGE");
  for (let i = 1; i <= 22; i++) await call("/api/tasks", { method: "POST", json: { project: "PAGE", title: `t${i}` } });
  const client = await connect();
  const first = textOf(await client.callTool({ name: "list_tasks", arguments: { project: "PAGE" } }));
  const cursor = /cursor (\S+),/.exec(first)![1];
  const second = textOf(await client.callTool({ name: "list_tasks", arguments: { project: "PAGE", cursor } }));
  expect(second.split("\n").map((l) => l.split(" ")[0])).toEqual(["PAGE-21", "PAGE-22"]);
});

it("an unknown status is 400 from REST and from the board's form alike, and the task stays put", async () => {
  await createProject("STS");
  await call("/api/tasks", { method: "POST", json: { project: "STS", title: "stay" } });
  expect((await call("/api/tasks/STS-1/status", { method: "PUT", json: { status: "finished" } })).status).toBe(400);
  expect((await postForm("/tasks/STS-1/status", { status: "finished" }, await session(), "/?project=STS")).status).toBe(400);
  expect((await (await call("/api/tasks/STS-1")).json()).status).toBe("todo");
});
