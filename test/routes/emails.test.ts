// GET /api/emails and the signed one-click unsubscribe every email carries.
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createProject, eventually } from "../support/hub";
import { createTask, createUser, emails, tokenFor } from "../support/people";
import { withoutSleeps } from "../support/workflows";

let wf: Awaited<ReturnType<typeof withoutSleeps>>;
beforeAll(async () => {
  wf = await withoutSleeps();
});
afterAll(async () => wf.introspector.dispose());

/** A person with one deadline email in the outbox; returns the email's stored headers. */
async function personWithAlert(project: string, email: string) {
  await createProject(project);
  const u = await createUser(email);
  const t = await createTask(project, "Due soon", { assignee: u.id, dueAt: new Date(Date.now() + 3_600_000).toISOString() });
  await wf.outputOf("24h");
  const row = await eventually(() =>
    env.DB.prepare(`SELECT headers, text FROM emails WHERE to_address = ?`).bind(email).first<{ headers: string; text: string }>(),
  );
  return { user: u, task: t, headers: JSON.parse(row.headers) as Record<string, string>, text: row.text };
}

describe("GET /api/emails", () => {
  it("lists emails filtered by recipient, kind and task key", async () => {
    const { task } = await personWithAlert("LST", "list@lst.test");
    const [e] = await emails({ to: "list@lst.test", kind: "deadline", task: task.key });
    expect(e).toMatchObject({ to: "list@lst.test", kind: "deadline", taskKey: task.key, status: "queued" });
    expect(Object.keys(e).sort()).toEqual(["createdAt", "id", "kind", "status", "subject", "taskKey", "to"]);
    expect(await emails({ to: "list@lst.test", kind: "digest" })).toEqual([]);
  });

  it("shows a person's token only that person's email", async () => {
    await personWithAlert("MIN", "mine@min.test");
    const other = await createUser("other@min.test");
    const res = await call("/api/emails?to=mine@min.test", { token: await tokenFor(other.id, ["read"]) });
    expect(res.status).toBe(403);
  });
});

describe("unsubscribe", () => {
  it("puts List-Unsubscribe and List-Unsubscribe-Post on every email, pointing at the signed link in the text", async () => {
    const { headers, text } = await personWithAlert("HDR", "hdr@hdr.test");
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const url = /^<(.+)>$/.exec(headers["List-Unsubscribe"])![1];
    expect(text).toContain(url);
  });

  it("asks for confirmation on GET and changes nothing", async () => {
    const { user, headers } = await personWithAlert("GET", "get@get.test");
    const url = new URL(/^<(.+)>$/.exec(headers["List-Unsubscribe"])![1]);
    const res = await call(`${url.pathname}${url.search}`, { token: null });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('method="post"');
    expect((await (await call(`/api/users/${user.id}`)).json()).unsubscribed).toEqual([]);
  });

  it("turns that kind of email off with one POST, as a mail client's one-click does", async () => {
    const { user, headers } = await personWithAlert("ONE", "one@one.test");
    const url = new URL(/^<(.+)>$/.exec(headers["List-Unsubscribe"])![1]);
    const res = await call(`${url.pathname}${url.search}`, {
      token: null,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect((await (await call(`/api/users/${user.id}`)).json()).unsubscribed).toEqual(["deadline"]);
  });

  it("refuses a link whose signature was altered", async () => {
    const { user, headers } = await personWithAlert("BAD", "bad@bad.test");
    const url = new URL(/^<(.+)>$/.exec(headers["List-Unsubscribe"])![1]);
    url.searchParams.set("k", "digest"); // a valid link for deadline emails reused for another kind
    const res = await call(`${url.pathname}${url.search}`, { token: null, method: "POST" });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("invalid_link");
    expect((await (await call(`/api/users/${user.id}`)).json()).unsubscribed).toEqual([]);
  });

  it("sends no more of a kind once a person unsubscribed from it", async () => {
    await createProject("QUI");
    const u = await createUser("quiet@qui.test");
    await env.DB.prepare(`UPDATE users SET unsubscribed = '["deadline"]' WHERE id = ?`).bind(u.id).run();
    await createTask("QUI", "Soon", { assignee: u.id, dueAt: new Date(Date.now() + 3_600_000).toISOString() });
    await wf.outputOf("24h");
    expect(await emails({ to: "quiet@qui.test" })).toEqual([]);
  });
});

