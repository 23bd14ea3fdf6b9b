import { describe, expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { dependOn } from "./dependency-helper";
import { fromBacklog } from "../../src/domain/trackers/backlog";
import { fromBeads } from "../../src/domain/trackers/beads";
import type { TrackerTask } from "../../src/domain/trackers/model";
import { fromTaskMaster } from "../../src/domain/trackers/taskmaster";

it("GET /api/export then POST /api/import reproduces tasks, dependencies, comments and time", async () => {
  await createProject("EXP", { repos: ["acme/exp"] });
  const a = (await (await call("/api/tasks", { method: "POST", json: { project: "EXP", title: "first", priority: "high", tags: ["x"] } })).json()) as { key: string };
  const b = (await (await call("/api/tasks", { method: "POST", json: { project: "EXP", title: "second" } })).json()) as { key: string };
  await dependOn(b.key, a.key);
  await call(`/api/tasks/${a.key}/comments`, { method: "POST", json: { body: "note" } });
  await call(`/api/tasks/${a.key}/time`, { method: "POST", json: { minutes: 20 } });
  await call(`/api/tasks/${a.key}/status`, { method: "PUT", json: { status: "completed" } });

  const exported = await call("/api/export?project=EXP");
  expect(exported.headers.get("content-type")).toMatch(/application\/x-ndjson/);
  const file = await exported.text();
  const types = file.trim().split("\n").map((l) => JSON.parse(l).type);
  expect(types[0]).toBe("project");
  expect(new Set(types)).toEqual(new Set(["project", "task", "dependency", "comment", "time", "activity"]));

  const imported = await call("/api/import?project=EXPB&claims=drop", { method: "POST", body: file, headers: { "content-type": "application/x-ndjson" } });
  expect(imported.status).toBe(201);
  const copy = (await (await call("/api/tasks/EXPB-1")).json()) as Record<string, unknown>;
  const original = (await (await call("/api/tasks/EXP-1")).json()) as Record<string, unknown>;
  for (const field of ["title", "status", "priority", "tags", "completedAt", "createdAt"]) expect(copy[field]).toEqual(original[field]);
  expect(((await (await call("/api/tasks/EXPB-2")).json()) as { dependsOn: string[] }).dependsOn).toEqual(["EXPB-1"]);
  expect(((await (await call("/api/tasks/EXPB-1/time")).json()) as { totalMinutes: number }).totalMinutes).toBe(20);
  expect(((await (await call("/api/tasks/EXPB-1/comments")).json()) as { comments: { body: string }[] }).comments.map((c) => c.body)).toEqual(["note"]);
});

describe("an imported project's repositories and folders are claims like a new project's", () => {
  const ndjson = { "content-type": "application/x-ndjson" };
  const exportOf = async (key: string) => (await call(`/api/export?project=${key}`)).text();
  const projectOf = async (key: string) => (await call(`/api/projects/${key}`)).json();

  it("refuses with 409 naming the holder a copy claiming the original's repository, and creates nothing", async () => {
    await createProject("ICA", { repos: ["acme/ica"], paths: ["/home/me/src/ica"] });
    await call("/api/tasks", { method: "POST", json: { project: "ICA", title: "one" } });
    const res = await call("/api/import?project=ICB", { method: "POST", body: await exportOf("ICA"), headers: ndjson });
    expect(res.status).toBe(409);
    expect((await res.json()).message).toContain("ICA");
    expect((await call("/api/projects/ICB")).status).toBe(404);
  });

  it("imports a copy without the held claims when asked to drop them, leaving the original's", async () => {
    await createProject("ICC", { repos: ["acme/icc"], paths: ["/home/me/src/icc"] });
    await call("/api/tasks", { method: "POST", json: { project: "ICC", title: "one" } });
    const res = await call("/api/import?project=ICD&claims=drop", { method: "POST", body: await exportOf("ICC"), headers: ndjson });
    expect(res.status).toBe(201);
    expect(await projectOf("ICD")).toMatchObject({ repos: [], paths: [] });
    expect(await projectOf("ICC")).toMatchObject({ repos: ["acme/icc"], paths: ["/home/me/src/icc"] });
  });

  it("moves the claims to the import when an admin says move", async () => {
    await createProject("ICE", { repos: ["acme/ice"] });
    await call("/api/tasks", { method: "POST", json: { project: "ICE", title: "one" } });
    const res = await call("/api/import?project=ICF&claims=move", { method: "POST", body: await exportOf("ICE"), headers: ndjson });
    expect(res.status).toBe(201);
    expect(await projectOf("ICF")).toMatchObject({ repos: ["acme/ice"] });
    expect(await projectOf("ICE")).toMatchObject({ repos: [] });
  });
});

it("POST /api/import refuses a project that already has tasks", async () => {
  await createProject("FULL");
  await call("/api/tasks", { method: "POST", json: { project: "FULL", title: "here" } });
  const file = await (await call("/api/export?project=FULL")).text();
  const res = await call("/api/import", { method: "POST", body: file, headers: { "content-type": "application/x-ndjson" } });
  expect(res.status).toBe(409);
});

it("POST /api/import names the bad line", async () => {
  const res = await call("/api/import", { method: "POST", body: '{"type":"project"}\nnot json\n', headers: { "content-type": "application/x-ndjson" } });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ code: "invalid_import", details: { line: 1 } });
});

it("GET /api/export?format=beads|taskmaster|backlog writes the project in each tracker's files, parents and dependencies included", async () => {
  await createProject("TRX");
  const post = async (json: Record<string, unknown>) => ((await (await call("/api/tasks", { method: "POST", json: { project: "TRX", ...json } })).json()) as { key: string }).key;
  const epic = await post({ title: "epic", priority: "high" });
  const step = await post({ title: "step", parent: epic });
  const other = await post({ title: "other" });
  await dependOn(other, step);
  await call(`/api/tasks/${epic}/status`, { method: "PUT", json: { status: "completed" } });
  const shape = (tasks: TrackerTask[]) =>
    tasks.map((t) => [t.title, t.status, t.priority, t.parentExternalKey ? "parent" : null, t.dependsOn.length]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const want = [["epic", "completed", "high", null, 0], ["other", "todo", "medium", null, 1], ["step", "todo", "medium", "parent", 0]];

  const beads = await call("/api/export?project=TRX&format=beads");
  expect(beads.status).toBe(200);
  expect(shape(fromBeads(await beads.text()).tasks)).toEqual(want);
  const tm = await (await call("/api/export?project=TRX&format=taskmaster")).text();
  expect(shape(fromTaskMaster(tm).tasks)).toEqual(want);
  const { files } = (await (await call("/api/export?project=TRX&format=backlog")).json()) as { files: { path: string; text: string }[] };
  expect(shape(fromBacklog(files).tasks)).toEqual(want);
});
