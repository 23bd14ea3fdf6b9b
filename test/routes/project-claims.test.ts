// POST/PUT /api/projects: a repository or a folder belongs to one project; claiming another's is a 409 unless an admin moves it.
import { describe, expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { addMember, createUser, tokenFor } from "../support/people";

const project = async (key: string) => (await call(`/api/projects/${key}`)).json();

describe("claiming what another project holds", () => {
  it("refuses a new project claiming a held repository with 409 naming the holder", async () => {
    await createProject("CLA", { repos: ["acme/cla"] });
    const res = await call("/api/projects", { method: "POST", json: { key: "CLB", name: "B", repos: ["ACME/cla"] } });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body).toMatchObject({ code: "conflict" });
    expect(body.message).toContain("CLA");
    expect((await call("/api/projects/CLB")).status).toBe(404);
  });

  it("refuses an owner's PUT claiming the root path, and changes nothing", async () => {
    await createProject("CLC", { paths: ["/home/me/src/clc"] });
    await createProject("CLD", { repos: ["acme/cld"] });
    const owner = await createUser("owner-cld@claims.test");
    await addMember("CLD", owner.id, "owner");
    const res = await call("/api/projects/CLD", { method: "PUT", token: await tokenFor(owner.id), json: { paths: ["/"] } });
    expect(res.status).toBe(409);
    expect((await res.json()).message).toContain("CLC");
    expect((await project("CLD")).paths).toEqual([]);
  });

  it("refuses a path covered by another project's path", async () => {
    await createProject("CLE", { paths: ["/home/me/src/cle"] });
    const res = await call("/api/projects", { method: "POST", json: { key: "CLF", name: "F", paths: ["/home/me/src/cle/app/"] } });
    expect(res.status).toBe(409);
  });

  it("accepts a sibling folder that only shares a string prefix", async () => {
    await createProject("CLG", { paths: ["/home/me/src/clg"] });
    const res = await call("/api/projects", { method: "POST", json: { key: "CLH", name: "H", paths: ["/home/me/src/clgx"] } });
    expect(res.status).toBe(201);
  });

  it("moves a repository and path when an admin says move, taking them from the holder", async () => {
    await createProject("CLI", { repos: ["acme/cli", "acme/cli-docs"], paths: ["/home/me/src/cli"] });
    await createProject("CLJ");
    const res = await call("/api/projects/CLJ", { method: "PUT", json: { repos: ["acme/cli"], paths: ["/home/me/src/cli"], move: true } });
    expect(res.status).toBe(200);
    expect(await project("CLJ")).toMatchObject({ repos: ["acme/cli"], paths: ["/home/me/src/cli"] });
    expect(await project("CLI")).toMatchObject({ repos: ["acme/cli-docs"], paths: [] });
  });

  it("does not let an owner move another project's repository", async () => {
    await createProject("CLK", { repos: ["acme/clk"] });
    await createProject("CLL");
    const owner = await createUser("owner-cll@claims.test");
    await addMember("CLL", owner.id, "owner");
    const res = await call("/api/projects/CLL", { method: "PUT", token: await tokenFor(owner.id), json: { repos: ["acme/clk"], move: true } });
    expect(res.status).toBe(403);
    expect(await project("CLK")).toMatchObject({ repos: ["acme/clk"] });
  });
});
