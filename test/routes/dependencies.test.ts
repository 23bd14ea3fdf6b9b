// /api/tasks/:key/dependencies: add, list on the task, refuse cycles naming the path, remove.
import { describe, expect, it } from "vitest";
import { call, createProject, getTask } from "../support/hub";
import { createTask } from "../support/people";

const depend = (task: string, dependsOn: string) => call(`/api/tasks/${task}/dependencies`, { method: "POST", json: { dependsOn } });

describe("dependencies", () => {
  it("records that a task depends on another, on both tasks", async () => {
    await createProject("DEP");
    const a = await createTask("DEP", "Build");
    const b = await createTask("DEP", "Ship");
    const res = await depend(b.key, a.key);
    expect(res.status).toBe(201);
    expect((await getTask(b.key))?.dependsOn).toEqual([a.key]);
    expect((await getTask(a.key))?.blocks).toEqual([b.key]);
  });

  it("answers 409 naming the path when the dependency would close a cycle", async () => {
    await createProject("CYC");
    const [a, b, c] = [await createTask("CYC", "A"), await createTask("CYC", "B"), await createTask("CYC", "C")];
    await depend(b.key, a.key);
    await depend(c.key, b.key);
    const res = await depend(a.key, c.key);
    expect(res.status).toBe(409);
    const err = await res.json();
    expect(err.code).toBe("dependency_cycle");
    expect(err.details.path).toEqual([a.key, c.key, b.key, a.key]);
    expect(err.message).toContain(`${a.key} → ${c.key} → ${b.key} → ${a.key}`);
  });

  it("refuses a task depending on itself", async () => {
    await createProject("SLF");
    const a = await createTask("SLF", "Alone");
    expect((await depend(a.key, a.key)).status).toBe(409);
  });

  it("adds a dependency given twice once, with one activity row", async () => {
    await createProject("TWI");
    const a = await createTask("TWI", "A");
    const b = await createTask("TWI", "B");
    await depend(b.key, a.key);
    const again = await depend(b.key, a.key);
    expect(again.status).toBe(200);
    expect((await again.json()).added).toBe(false);
    expect((await getTask(b.key))?.activity.filter((x: { action: string }) => x.action === "dependency_added")).toHaveLength(1);
  });

  it("removes a dependency, and answers 404 for one that does not exist", async () => {
    await createProject("REM");
    const a = await createTask("REM", "A");
    const b = await createTask("REM", "B");
    await depend(b.key, a.key);
    expect((await call(`/api/tasks/${b.key}/dependencies/${a.key}`, { method: "DELETE" })).status).toBe(200);
    expect((await getTask(b.key))?.dependsOn).toEqual([]);
    expect((await call(`/api/tasks/${b.key}/dependencies/${a.key}`, { method: "DELETE" })).status).toBe(404);
  });
});
