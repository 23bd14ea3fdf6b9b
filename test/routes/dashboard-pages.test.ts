import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import { BASE, call, createProject } from "../support/hub";
import { page, postForm, session } from "../support/dashboard";

it("a task title with markup is rendered as text on the board, task page and graph", async () => {
  await createProject("XSS");
  await call("/api/tasks", { method: "POST", json: { project: "XSS", title: "<img src=x onerror=alert(1)>" } });
  const cookie = await session();
  for (const path of ["/?project=XSS", "/tasks/XSS-1", "/graph?project=XSS"]) {
    const html = await (await page(path, cookie)).text();
    expect(html, path).not.toContain("<img src=x");
    expect(html, path).toContain("&lt;img src=x onerror=alert(1)&gt;");
  }
});

it("a form post without the CSRF token changes nothing", async () => {
  await createProject("CSRF");
  await call("/api/tasks", { method: "POST", json: { project: "CSRF", title: "stay" } });
  const cookie = await session();
  const res = await SELF.fetch(`${BASE}/tasks/CSRF-1/status`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: "status=completed",
    redirect: "manual",
  });
  expect(res.status).toBe(403);
  expect(((await (await call("/api/tasks/CSRF-1")).json()) as { status: string }).status).toBe("todo");
});

it("the board's own form moves a task", async () => {
  await createProject("MOVE");
  await call("/api/tasks", { method: "POST", json: { project: "MOVE", title: "go" } });
  const res = await postForm("/tasks/MOVE-1/status", { status: "review" }, await session(), "/?project=MOVE");
  expect(res.status).toBe(303);
  expect(((await (await call("/api/tasks/MOVE-1")).json()) as { status: string }).status).toBe("review");
});

it("every page answers for a signed-in reader", async () => {
  const cookie = await session();
  for (const path of ["/", "/graph", "/runs", "/emails", "/reports", "/reports.csv", "/docs"]) expect((await page(path, cookie)).status, path).toBe(200);
});

it("/events streams activity after the given id", async () => {
  await createProject("LIVE");
  const cookie = await session();
  const res = await page("/events?after=0", cookie);
  expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = res.body!.getReader();
  let text = "";
  while (!text.includes("data:")) text += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
  expect(text).toMatch(/id: \d+/);
});

it("the board shows a subtask right under its parent, and the task pages link both ways", async () => {
  await createProject("NEST");
  for (const title of ["epic", "other"]) await call("/api/tasks", { method: "POST", json: { project: "NEST", title } });
  await call("/api/tasks", { method: "POST", json: { project: "NEST", title: "step", parent: "NEST-1" } });
  const cookie = await session();
  const board = await (await page("/?project=NEST", cookie)).text();
  const order = ["NEST-1", "NEST-3", "NEST-2"].map((k) => board.indexOf(`data-key="${k}"`));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(board).toMatch(/class="card p-medium subtask"[^>]*data-key="NEST-3"/);
  expect(await (await page("/tasks/NEST-1", cookie)).text()).toContain(`<a href="/tasks/NEST-3">NEST-3</a>`);
  expect(await (await page("/tasks/NEST-3", cookie)).text()).toMatch(/subtask of <a href="\/tasks\/NEST-1">NEST-1<\/a>/);
});
