// Project roles on the routes: viewers read, members write, owners manage members; assignees by id or email.
import { describe, expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { addMember, createTask, createUser, tokenFor } from "../support/people";

describe("project roles", () => {
  it("lets a viewer read a project's tasks but not change them", async () => {
    await createProject("VIE");
    const t = await createTask("VIE", "Look only");
    const v = await createUser("viewer@vie.test");
    await addMember("VIE", v.id, "viewer");
    const token = await tokenFor(v.id);
    expect((await call(`/api/projects/VIE/members`, { token })).status).toBe(200);
    const res = await call(`/api/tasks/${t.key}`, { method: "PUT", token, json: { title: "Changed" } });
    expect(res.status).toBe(403);
    expect((await res.json()).details).toMatchObject({ project: "VIE", role: "viewer", needs: "write" });
  });

  it("lets a member change a task and assign it by email", async () => {
    await createProject("MEM");
    const t = await createTask("MEM", "Do it");
    const m = await createUser("member@mem.test");
    const other = await createUser("other@mem.test");
    await addMember("MEM", m.id, "member");
    const res = await call(`/api/tasks/${t.key}`, { method: "PUT", token: await tokenFor(m.id), json: { assignee: "Other@mem.test" } });
    expect(res.status).toBe(200);
    expect((await res.json()).assigneeId).toBe(other.id);
  });

  it("hides a project's tasks from a person who is not a member, as if they did not exist", async () => {
    await createProject("OUT");
    const t = await createTask("OUT", "Private");
    const stranger = await createUser("stranger@out.test");
    expect((await call(`/api/tasks/${t.key}`, { method: "PUT", token: await tokenFor(stranger.id), json: { title: "x" } })).status).toBe(404);
  });

  it("lets an owner manage members and refuses a member who tries", async () => {
    await createProject("OWN");
    const owner = await createUser("owner@own.test");
    const member = await createUser("member@own.test");
    const newcomer = await createUser("new@own.test");
    await addMember("OWN", owner.id, "owner");
    await addMember("OWN", member.id, "member");
    expect((await call(`/api/projects/OWN/members/${newcomer.id}`, { method: "PUT", token: await tokenFor(member.id), json: { role: "member" } })).status).toBe(403);
    expect((await call(`/api/projects/OWN/members/${newcomer.id}`, { method: "PUT", token: await tokenFor(owner.id), json: { role: "viewer" } })).status).toBe(200);
    const list = await (await call(`/api/projects/OWN/members`)).json();
    expect(list.members.map((m: { email: string; role: string }) => `${m.email}:${m.role}`).sort()).toEqual(["member@own.test:member", "new@own.test:viewer", "owner@own.test:owner"]);
  });

  it("assigns a new task by user id", async () => {
    await createProject("ASG");
    const u = await createUser("assignee@asg.test");
    expect((await createTask("ASG", "Yours", { assignee: u.id })).assigneeId).toBe(u.id);
  });

  it("refuses an assignee nobody knows with 400", async () => {
    await createProject("UNK");
    const res = await call("/api/tasks", { method: "POST", json: { project: "UNK", title: "Whose?", assignee: "nobody@unk.test" } });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("unknown_assignee");
  });
});
