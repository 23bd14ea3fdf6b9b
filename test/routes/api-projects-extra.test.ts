import { expect, it } from "vitest";
import { call, createProject } from "../support/hub";

it("PUT /api/projects/:key changes name, repos and status", async () => {
  await createProject("PUTP");
  const res = await call("/api/projects/PUTP", { method: "PUT", json: { name: "Renamed", repos: ["Acme/Web"], status: "archived" } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ key: "PUTP", name: "Renamed", repos: ["acme/web"], status: "archived" });
});

it("GET /api/projects/:key/tasks lists only that project's tasks", async () => {
  await createProject("PTA");
  await createProject("PTB");
  await call("/api/tasks", { method: "POST", json: { project: "PTA", title: "mine" } });
  await call("/api/tasks", { method: "POST", json: { project: "PTB", title: "theirs" } });
  const res = (await (await call("/api/projects/PTA/tasks")).json()) as { tasks: { title: string }[] };
  expect(res.tasks.map((t) => t.title)).toEqual(["mine"]);
});

it("GET /api/projects/:key/tasks answers 404 for an unknown project", async () => {
  expect((await call("/api/projects/NOPE/tasks")).status).toBe(404);
});
